/**
 * A live checklist's Details on a large Heroku account: a finding that names hundreds of apps is
 * longer than a Slack section holds (3,000 characters). The modal must show all of it, over as many
 * blocks as it needs; past a view's 100 blocks it says how much it left out and where to read it.
 */
import { buildChecklist, getFramework } from '../../src/core/compliance';
import { complianceDetailsView } from '../../src/slack/listeners/views/compliance-details';
import { type Harness, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { FakeHeroku, generateWorld } from '../support/fake-heroku';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

const APPS = 300;
let heroku: FakeHeroku;
let harness: Harness;

beforeAll(async () => {
  heroku = await FakeHeroku.start({ world: generateWorld({ personalApps: APPS, seed: 5 }) });
  harness = await startHarness({ HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
});

afterAll(async () => {
  await harness.close();
  await heroku.close();
});

/** Every text a view shows, block by block. */
const texts = (view: Json): string[] =>
  view.blocks.map((block: Json) => block.text?.text ?? block.elements?.map((e: Json) => e.text).join('\n') ?? '');

test('Details shows a finding naming 300 apps in full, over several blocks within Slack limits', async () => {
  const before = harness.slack.responses.length;
  await harness.command('compliance hipaa heroku live');
  await harness.settle();
  const answer = harness.slack.responses.slice(before).at(-1)!.body as Json;
  const group = answer.blocks.find(
    (block: Json) =>
      block.accessory?.action_id === 'compliance_details' &&
      block.text.text.includes('PHI runs only on eligible compute'),
  );
  const opened = harness.slack.callsTo('views.open').length;
  const res = await harness.interaction({
    type: 'block_actions',
    container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
    channel: { id: 'C0CHANNEL', name: 'eng' },
    response_url: `${harness.slack.url}/respond/long-details`,
    actions: [{ ...group.accessory, block_id: group.block_id, action_ts: '1700000001.000200' }],
  });
  expect(res.status).toBe(200);
  await harness.settle();
  const views = harness.slack.callsTo('views.open');
  expect(views.length).toBe(opened + 1);
  const view = views.at(-1)!.body.view as Json;
  capture('compliance-details-long', { blocks: view.blocks });

  const shown = texts(view);
  for (const text of shown) expect(text.length).toBeLessThanOrEqual(3000);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  const all = shown.join('\n');
  // Every app the finding names is there, the last one too: nothing was cut at 3,000 characters.
  for (let i = 0; i < APPS; i++) expect(all).toContain(`personal-app-${i} (Common Runtime)`);
  expect(all).toContain('confirm with your Salesforce account team.');
  expect(all).not.toContain('…');
});

test('past the 100 blocks a modal holds, the last block says what was left out and which command prints it', () => {
  const framework = getFramework('hipaa')!;
  const huge = Array.from({ length: 12_000 }, (_, i) => `app-${i} (Common Runtime)`).join(', ');
  const findings = framework.controls.flatMap((control) => [
    { controlId: control.id, status: 'gap' as const, platform: 'heroku' as const, detail: `Apps: ${huge}.` },
  ]);
  const [group] = buildChecklist(framework, findings, { generatedAt: '2026-12-07', platforms: ['heroku'] });
  const view = complianceDetailsView(framework.name, group!, 'hipaa heroku live', 'live inventory');
  capture('compliance-details-overflow', view);
  const shown = texts(view);
  expect(view.blocks).toHaveLength(100);
  for (const text of shown) expect(text.length).toBeLessThanOrEqual(3000);
  const last = shown.at(-1)!;
  expect(last).toMatch(
    /^\*Not shown here\*, as a Slack modal holds 100 blocks: the rest of “[^”]+”, and all of “[^”]+” and “[^”]+” \([\d,]+ characters\)\./,
  );
  expect(last).toContain('Press *Export Markdown* on the checklist for all of it in a file');
  expect(last).toContain('`npx hosting-advisor compliance hipaa heroku live` in a terminal');
});
