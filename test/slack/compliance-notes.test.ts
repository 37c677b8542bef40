import { evaluateInventory, getFramework } from '../../src/core/compliance';
import { complianceMessage } from '../../src/slack/listeners/commands/compliance-blocks';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

/**
 * What a live checklist stands on is said under its title, one context element a note, and a context
 * block holds ten elements. An account with many teams whose members the token may not list has more
 * notes than that: none may vanish unsaid.
 */
test('a live checklist with more notes than a context block holds names every team whose members were not read', () => {
  const framework = getFramework('hipaa')!;
  const teams = Array.from({ length: 11 }, (_, i) => `team-${i}`);
  const reason = (team: string) =>
    `Heroku refused GET /teams/${team}/members (403 Forbidden): the account behind HEROKU_API_TOKEN may not see this. Use a token of a team admin.`;
  const membersNotRead = teams.map((team) => ({ team, reason: reason(team) }));
  const aws =
    'AWS services in use: Cost Explorer spend by service, 2026-11-30 to 2026-12-06, as of 2026-12-07 17:20 UTC.';
  const notes = [
    'Heroku apps, spaces, add-on plans and team members as of 2026-12-07 17:20 UTC.',
    ...teams.map((team) => `Not read: members of team ${team}: ${reason(team)}`),
    aws,
  ];
  const message = complianceMessage(
    {
      framework,
      findings: evaluateInventory(
        framework,
        { heroku: { apps: [], members: [], membersNotRead } },
        {
          platforms: ['heroku'],
        },
      ),
      meta: { generatedAt: '2026-12-07', subject: 'live inventory', platforms: ['heroku'] },
      words: 'hipaa heroku live',
      notes,
      live: true,
    },
    false,
  );
  const context = message.blocks?.[1] as Json;
  expect(context.type).toBe('context');
  expect(context.elements.length).toBeLessThanOrEqual(10);
  const said = context.elements.map((element: Json) => element.text).join('\n');
  for (const team of teams) expect(said).toContain(`members of team ${team}`);
  expect(said).toContain(aws);
  expect(said).toContain('5 more notes, each in full in the exports. Not read: members of team team-6;');
});
