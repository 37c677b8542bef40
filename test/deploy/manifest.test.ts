import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { subcommands } from '../../src/slack/listeners/commands';

const schemaFile = path.resolve(__dirname, '../../../shared/fixtures/slack/manifest.schema.json');
const manifest = parse(fs.readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8'));

function validator() {
  // The official schema uses the non-standard keywords `regex` and `_note`, hence strict: false.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
}

describe('manifest.yml', () => {
  test('validates against the official Slack manifest schema', () => {
    const validate = validator();
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('the schema check catches a broken manifest (so the test above can fail)', () => {
    const validate = validator();
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'hosting';
    broken.settings.not_a_setting = true;
    expect(validate(broken)).toBe(false);
  });

  test('declares /hosting, the Home tab with app_home_opened, interactivity and the least scopes', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/hosting']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    // Each scope is used: see the comment above it in manifest.yml.
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'commands',
      'files:write',
      'groups:history',
      'groups:read',
      'im:write',
      'usergroups:read',
      'users:read',
    ]);
  });

  test('the /hosting hint Slack shows while typing names every subcommand the bot answers', () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    const named = new Set(hint.split('|').map((part) => part.trim().split(' ')[0]));
    for (const name of [...subcommands().map((sub) => sub.name), 'help'])
      expect([name, named.has(name)]).toEqual([name, true]);
  });
});
