import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Saves what Slack would receive, for ../shared/tools/blockkit-preview (render it to a PNG and look
 * at it). Does nothing unless SLACK_CAPTURE_DIR is set, so normal runs write nothing.
 */
export function capture(name: string, payload: unknown): void {
  const dir = process.env.SLACK_CAPTURE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(payload, null, 2));
}
