/**
 * Live data through the real receiver (signed requests) against local Heroku and Cost Explorer:
 * `compliance … live` and `… app=NAME` for leads, `estimate app=NAME` and its buttons, and the
 * access rules (leads see live figures; others the formation without prices or a polite refusal,
 * never another app's name; a share of live data only in channels leads allowed).
 */
import { SPEND_CHANNELS_KEY } from '../../src/slack/leads';
import { type Harness, LEAD, NOT_LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';
import { buttonOf } from '../support/slack-blocks';

delete process.env.SSL_CERT_DIR;
delete process.env.SSL_CERT_FILE;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

const ALLOWED = 'CSPEND001';
const ELSEWHERE = 'C0CHANNEL';

let live: LiveAccounts;
let harness: Harness;

beforeAll(async () => {
  live = await startLiveAccounts();
  const { heroku } = live;
  harness = await startHarness({ ...live.awsEnv, HEROKU_API_TOKEN: heroku.token, HEROKU_API_URL: heroku.url });
  await harness.bot.services.store.setSetting(SPEND_CHANNELS_KEY, ALLOWED);
});

afterAll(async () => {
  await harness.close();
  await live.close();
});

/** Every text a message shows. */
function shown(message: Json): string {
  return (message.blocks ?? [])
    .flatMap((block: Json) => [
      block.text?.text ?? '',
      ...(block.fields ?? []).map((field: Json) => field.text),
      ...(block.elements ?? []).map((element: Json) => element.text?.text ?? element.text ?? ''),
    ])
    .concat(message.text ?? '')
    .join('\n');
}

/** A command as `user` in `channel`; the deferred answer (or the ack when nothing was deferred). */
async function ask(text: string, user = LEAD, channel = ELSEWHERE): Promise<{ ack: Json; answer: Json }> {
  const before = harness.slack.responses.length;
  const ack = await harness.command(text, { user_id: user, channel_id: channel });
  expect(ack.status).toBe(200);
  await harness.settle();
  const later = harness.slack.responses.slice(before);
  return { ack: ack.body, answer: later.length > 0 ? later.at(-1)!.body : ack.body };
}

let clicks = 0;
/** Presses a button as `user` in `channel`; what the presser got back. */
async function press(button: Json, user = LEAD, channel = ELSEWHERE): Promise<Json[]> {
  const url = `${harness.slack.url}/respond/live-click-${++clicks}`;
  const res = await harness.interaction({
    type: 'block_actions',
    user: { id: user, name: 'someone', team_id: 'T1' },
    container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
    channel: { id: channel, name: 'eng' },
    response_url: url,
    actions: [{ ...button, action_ts: '1700000001.000200' }],
  });
  expect(res.status).toBe(200);
  await harness.settle();
  return harness.slack.responses.filter((r) => r.path.endsWith(`/live-click-${clicks}`)).map((r) => r.body);
}

/** `{ 'PHI runs only on eligible compute': ':x:' }` for one platform of a two-platform checklist. */
function marks(message: Json, platform: 'Heroku' | 'AWS'): Record<string, string> {
  const found: Record<string, string> = {};
  for (const block of message.blocks.filter((b: Json) => b.accessory?.action_id === 'compliance_details')) {
    for (const line of block.text.text.split('\n').slice(1)) {
      const two = /^(.+) — (:[a-z_]+:) Heroku (:[a-z_]+:) AWS$/.exec(line);
      if (two) found[two[1]] = platform === 'Heroku' ? two[2] : two[3];
    }
  }
  return found;
}

describe('compliance … live (leads)', () => {
  test('finds the app outside a Shield space and the team member without two-factor, on Heroku and AWS', async () => {
    const { ack, answer } = await ask('compliance hipaa live');
    expect(ack.text).toContain('Reading what runs in your accounts');
    capture('compliance-live', answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.blocks.length).toBeLessThanOrEqual(50);
    const text = shown(answer);
    expect(text).toContain('live inventory');
    // The gaps, with what they found: which app, which person.
    expect(text).toMatch(/Apps outside a Shield Private Space[^\n]*shop-api \(Common Runtime\)/);
    expect(text).not.toMatch(/Apps outside a Shield Private Space[^\n]*phi-api/);
    expect(text).toMatch(/Team members without two-factor authentication: bo@acme\.example \(acme\)/);
    expect(text).not.toMatch(/two-factor authentication: [^\n]*ana@acme\.example/);
    const onHeroku = marks(answer, 'Heroku');
    expect(onHeroku['PHI runs only on eligible compute']).toBe(':x:');
    // AWS: what Cost Explorer shows in use, as evidence.
    const onAws = marks(answer, 'AWS');
    expect(Object.keys(onAws).length).toBeGreaterThan(5);
    // Its compute spend is EC2 and ECS (Fargate tasks), both eligible: met, where Heroku's is a gap.
    expect(onAws['PHI runs only on eligible compute']).toBe(':white_check_mark:');
    expect(text).toMatch(/AWS services in use: Cost Explorer spend by service, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    expect(text).toMatch(/Heroku apps, spaces, add-on plans and team members as of \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    // Every resource the fake served matches Heroku's published schema.
    expect(live.heroku.schemaViolations).toEqual([]);
    expect(live.ce.unhandled).toEqual([]);
  });

  test('asking again reads nothing new: the inventory, the plans and Cost Explorer come from the caches', async () => {
    const herokuBefore = live.heroku.log.length;
    const ceBefore = live.ce.requests().length;
    const { answer } = await ask('compliance pci live');
    expect(shown(answer)).toContain('PCI DSS checklist');
    expect(shown(answer)).toContain('(cached)');
    expect(live.heroku.log.length).toBe(herokuBefore);
    expect(live.ce.requests().length).toBe(ceBefore);
  });

  test.each(['soc2', 'gdpr'])('%s live is evaluated too', async (framework) => {
    const { answer } = await ask(`compliance ${framework} live`);
    expect(answer.blocks[0].text.text).toMatch(/checklist$/);
    expect(shown(answer)).toContain('live inventory');
  });

  test('Details on a live checklist opens the group in full, read again for the presser', async () => {
    const { answer } = await ask('compliance hipaa heroku live');
    const details = answer.blocks.find((block: Json) => block.accessory?.action_id === 'compliance_details');
    expect(details.accessory.value).toMatch(/\|hipaa heroku live$/);
    const opened = harness.slack.callsTo('views.open').length;
    await press({ ...details.accessory, block_id: details.block_id });
    const views = harness.slack.callsTo('views.open');
    expect(views.length).toBe(opened + 1);
    expect(JSON.stringify(views.at(-1)!.body)).toContain('shop-api');
  });

  test('one app: its own space, plans and team; AWS as its estimate models it; no other app', async () => {
    const { answer } = await ask('compliance hipaa app=shop-api');
    const text = shown(answer);
    expect(text).toContain('for `app shop-api`');
    expect(text).toContain('shop-api (Common Runtime)');
    expect(text).not.toContain('phi-api');
    expect(text).toContain('as the estimate models it');
    expect(Object.keys(marks(answer, 'AWS')).length).toBeGreaterThan(5);
    const shield = await ask('compliance hipaa app=phi-api');
    expect(marks(shield.answer, 'Heroku')['PHI runs only on eligible compute']).toBe(':white_check_mark:');
  });

  test('an unknown app gets one sentence, naming no app', async () => {
    const { answer } = await ask('compliance hipaa app=nope');
    expect(answer.text).toContain('There is no app by that name that you can see');
    expect(answer.text).not.toMatch(/phi-api|shop-api/);
  });

  test('`share` posts a live checklist only in a channel leads allowed', async () => {
    const refused = await ask('compliance hipaa live share', LEAD, ELSEWHERE);
    expect(refused.answer.response_type).toBe('ephemeral');
    expect(refused.answer.text).toContain(
      'Only you can see this: live data are posted only in channels leads have allowed',
    );
    const allowed = await ask('compliance hipaa live share', LEAD, ALLOWED);
    expect(allowed.answer.response_type).toBe('in_channel');
  });

  test('an export of a live checklist offers "Post in channel" only where leads allowed live data', async () => {
    const exported = async (channel: string) => {
      const { answer } = await ask('compliance hipaa live', LEAD, channel);
      const [sent] = await press(buttonOf(answer, 'Export CSV'), LEAD, channel);
      return sent;
    };
    // Elsewhere the file still comes to the lead's direct message, with no button that would be refused.
    const elsewhere = await exported(ELSEWHERE);
    expect(elsewhere.text).toBe('Sent the CSV export to you in a direct message.');
    expect(JSON.stringify(elsewhere)).not.toContain('Post in channel');
    const allowed = await exported(ALLOWED);
    expect(allowed.text).toBe(
      `Sent the CSV export to you in a direct message. Everyone in <#${ALLOWED}> can have it too:`,
    );
    expect(JSON.stringify(allowed)).toContain('Post in channel');
  });

  test('someone who is not a lead is refused politely, before anything is read, with no app named', async () => {
    const before = live.heroku.log.length;
    const { ack, answer } = await ask('compliance hipaa live', NOT_LEAD);
    expect(ack).toBe(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('live compliance checks are only for hosting leads');
    expect(answer.text).toContain(`<@${LEAD}>`);
    const app = await ask('compliance hipaa app=phi-api', NOT_LEAD);
    expect(app.answer.text).toContain('only for hosting leads');
    expect(app.answer.text).not.toMatch(/shop-api|bo@acme/);
    expect(live.heroku.log.length).toBe(before);
  });
});

describe('estimate app=NAME and its buttons', () => {
  test('a lead gets the priced answer; Share posts it only where leads allowed, read again from the app', async () => {
    const { answer } = await ask('estimate app=shop-api');
    expect(shown(answer)).toContain('Live Heroku data as of');
    expect(shown(answer)).toContain('$');
    const share = buttonOf(answer, 'Share in channel');
    expect(share.value).toBe('app=shop-api');

    const [elsewhere] = await press(share, LEAD, ELSEWHERE);
    expect(elsewhere.response_type).toBe('ephemeral');
    expect(elsewhere.text).toContain('live figures are posted only in channels leads have allowed');
    expect(elsewhere.text).not.toContain('is not set up here');

    const [posted] = await press(share, LEAD, ALLOWED);
    expect(posted.response_type).toBe('in_channel');
    expect(shown(posted)).toContain('Live Heroku data as of');
    expect(shown(posted)).toContain('Heroku $150.00/mo');
    expect(posted.text).not.toContain('is not set up here');
  });

  test('Compliance on a live-app estimate is that app’s checklist: live on Heroku, modelled on AWS', async () => {
    const { answer } = await ask('estimate app=shop-api');
    const [checklist] = await press(buttonOf(answer, 'Compliance checklist'));
    capture('compliance-live-app', checklist);
    expect(checklist.response_type).toBe('ephemeral');
    const text = shown(checklist);
    expect(text).not.toContain('is not set up here');
    expect(text).toContain('for `app shop-api`');
    expect(text).toContain('shop-api (Common Runtime)');
    expect(marks(checklist, 'Heroku')['PHI runs only on eligible compute']).toBe(':x:');
    expect(Object.keys(marks(checklist, 'AWS')).length).toBeGreaterThan(5);
  });

  test('someone who is not a lead sees the formation without a price and no other app', async () => {
    const { answer } = await ask('estimate app=shop-api', NOT_LEAD);
    capture('estimate-app-not-lead', answer);
    const text = shown(answer);
    expect(answer.response_type).toBe('ephemeral');
    expect(text).toContain('web: 2 × standard-2x');
    expect(text).toContain('Heroku Postgres standard-0');
    expect(text).not.toContain('$');
    expect(text).not.toContain('phi-api');
    expect(text).toContain('only to hosting leads');
    const wrong = await ask('estimate app=shop', NOT_LEAD);
    expect(wrong.answer.text).toContain('There is no app by that name that you can see');
    expect(wrong.answer.text).not.toMatch(/shop-api|phi-api/);
  });

  test('a share asked by someone who is not a lead stays private and priceless', async () => {
    const { answer } = await ask('estimate app=shop-api share', NOT_LEAD, ALLOWED);
    expect(answer.response_type).toBe('ephemeral');
    expect(shown(answer)).not.toContain('$');
  });

  test('the answer names every price layer its dates come from: the add-on priced as Heroku bills it too', async () => {
    const { answer } = await ask('estimate app=shop-api');
    const sources = shown(answer)
      .split('\n')
      .find((line: string) => line.startsWith('Per month, estimated from list prices'))!;
    const [, newest, layers] = /dated \*[\d-]+ to ([\d-]+)\* \(([^)]*)\)/.exec(sources)!;
    // papertrail is priced from what the Platform API bills; the dates of the sources end on that day.
    expect(layers).toMatch(/^Heroku Platform API, read [\d-]+; bundled list, /);
    expect(layers).toContain(newest);
  });

  test('Details on a shared live-app estimate: every line for a lead (recorded), the formation without a price for others', async () => {
    const { answer: shared } = await ask('estimate app=shop-api share', LEAD, ALLOWED);
    expect(shared.response_type).toBe('in_channel');
    const details = buttonOf(shared, 'Details');
    const opened = () => harness.slack.callsTo('views.open').length;

    const before = opened();
    const [answer] = await press(details, NOT_LEAD, ALLOWED);
    // The button reads the app again: someone who is not a lead gets no live figures from it.
    expect(opened()).toBe(before);
    expect(answer.response_type).toBe('ephemeral');
    expect(shown(answer)).toContain('web: 2 × standard-2x');
    expect(shown(answer)).toContain('only to hosting leads');
    expect(shown(answer)).not.toContain('$');

    const recorded = async () =>
      (await harness.bot.services.store.auditLog()).filter((entry) => entry.action === 'estimate-app').length;
    const audited = await recorded();
    await press(details, LEAD, ALLOWED);
    const view = harness.slack.callsTo('views.open').at(-1)!.body.view;
    expect(opened()).toBe(before + 1);
    expect(JSON.stringify(view)).toContain('Heroku as it runs');
    expect(JSON.stringify(view)).toContain('$100.00/mo');
    // A live answer shown to a lead is in the audit log, whichever way it was asked for.
    expect(await recorded()).toBe(audited + 1);
  });

  test('the audit log records who looked at live data, without figures', async () => {
    const log = await harness.bot.services.store.auditLog();
    expect(log.filter((entry) => entry.action === 'estimate-app').map((entry) => entry.actor)).toContain(LEAD);
    expect(log.filter((entry) => entry.action === 'compliance-live').map((entry) => entry.detail)).toContain(
      'hipaa live',
    );
    // Nothing live was shown to someone who is not a lead, so nothing of theirs is recorded.
    expect(log.filter((entry) => entry.actor === NOT_LEAD)).toEqual([]);
  });
});

describe('the checklist from a hipaa estimate', () => {
  test('reports the Shield dynos it priced as met, and checks AWS too', async () => {
    const { answer: estimate } = await ask('estimate web=2xstandard-2x postgres=standard-0 hipaa', NOT_LEAD);
    const [checklist] = await press(buttonOf(estimate, 'Compliance checklist'), NOT_LEAD);
    capture('compliance-hipaa-estimate', checklist);
    const text = shown(checklist);
    expect(text).not.toContain('Not Shield dynos');
    const onHeroku = marks(checklist, 'Heroku');
    expect(onHeroku['PHI runs only on eligible compute']).toBe(':white_check_mark:');
    const onAws = marks(checklist, 'AWS');
    expect(onAws['PHI runs only on eligible compute']).toBe(':white_check_mark:');
    expect(text).toContain('Checked against what the estimate prices for production');
    // The same as typing it.
    const typed = await ask('compliance hipaa estimate web=2xstandard-2x postgres=standard-0 hipaa', NOT_LEAD);
    expect(typed.answer.blocks).toEqual(checklist.blocks);
  });
});
