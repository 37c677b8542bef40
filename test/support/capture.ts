import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Saves what Slack would receive, as JSON, to look at as a picture: paste it into Slack's Block Kit
 * Builder (https://app.slack.com/block-kit-builder) or render it headless to a PNG. Does nothing
 * unless SLACK_CAPTURE_DIR is set, so normal runs write nothing.
 */
export function capture(name: string, payload: unknown): void {
  const dir = process.env.SLACK_CAPTURE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(payload, null, 2));
}
