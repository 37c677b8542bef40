import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * The bot scopes a method needs, any one of them, as Slack's method pages list them
 * (/work/shared/reference/apis.md, "Bot scopes per feature"). Methods not listed need none
 * (views.*, auth.test) or are unknown to the fake anyway.
 */
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.open': ['im:write', 'mpim:write', 'channels:write', 'groups:write'],
  'users.info': ['users:read'],
  'usergroups.list': ['usergroups:read'],
  'usergroups.users.list': ['usergroups:read'],
};

/** The bot scopes manifest.yml asks for: what a workspace grants the bot token when the app is installed. */
export function manifestBotScopes(): string[] {
  // From test/support (ts-jest) or dist-bench/test/support (the bench): the checkout's own manifest.
  const file =
    ['../../manifest.yml', '../../../manifest.yml']
      .map((relative) => path.resolve(__dirname, relative))
      .find((candidate) => fs.existsSync(candidate)) ?? path.resolve(__dirname, '../../manifest.yml');
  const manifest = parse(fs.readFileSync(file, 'utf8'));
  return manifest.oauth_config.scopes.bot as string[];
}

/** Slack's answer to a call the token's scopes do not allow, or undefined when they do. */
export function missingScope(method: string, granted: readonly string[]): Record<string, unknown> | undefined {
  const needed = METHOD_SCOPES[method];
  if (!needed || needed.some((scope) => granted.includes(scope))) return undefined;
  return { ok: false, error: 'missing_scope', needed: needed[0], provided: granted.join(',') };
}
