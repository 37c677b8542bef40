import { type Harness, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const SLACK_ACK_LIMIT_MS = 3000;

function textOf(body: { blocks?: { type: string; text?: { text: string }; elements?: { text?: string }[] }[] }) {
  return (body.blocks ?? [])
    .map((block) => block.text?.text ?? (block.elements ?? []).map((element) => element.text ?? '').join(' '))
    .join('\n');
}

describe('/hosting estimate through the real receiver', () => {
  test('a Heroku workload: both platforms, itemised, exact, with TCO, assumptions and the price date', async () => {
    const res = await harness.command('estimate web=2xstandard-2x postgres=standard-0');
    capture('estimate', res.body);
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    const { body } = res;
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks.length).toBeLessThanOrEqual(50);
    const shown = textOf(body);
    expect(body.blocks[0].text.text).toContain('Heroku $150.00/mo');
    expect(shown).toContain('2 × $50.00/month = *$100.00/mo*');
    expect(shown).toMatch(/Application Load Balancer.*\$16\.43\/mo/);
    expect(shown).toMatch(/NAT gateway × 2 \(one per Availability Zone\).*\$65\.70\/mo/);
    // The answer leads with the range of the three AWS tiers and names the tier its verdict uses.
    expect(shown).toContain('AWS (modelled): $211.10/mo to $236.52/mo infrastructure across three tiers');
    expect(shown).toContain('On the consolidated tier, Heroku is cheaper on infrastructure by $86.52/mo.');
    expect(shown).toContain('with ops (TCO)');
    expect(shown).toMatch(/list prices as of \*\d{4}-\d{2}-\d{2}\*/);
    // The plain-text fallback carries the whole answer for notifications and screen readers.
    expect(body.text).toContain('Heroku as it runs: $150.00/mo infrastructure');
    // Every tier shows its own lines, so the verdict's tier can be checked line by line.
    for (const tier of ['like-for-like', 'consolidated', 'optimised'])
      expect(shown).toContain(`*AWS (us-east-1), ${tier} tier (modelled)*:`);
    expect(shown).toContain(
      '*AWS (us-east-1), optimised tier (modelled)*: *$211.10/mo* infrastructure, $1,211.10/mo with ops (TCO)',
    );
    const buttons = body.blocks.at(-1).elements.map((element: { action_id: string }) => element.action_id);
    expect(buttons).toEqual(['share_estimate', 'open_compliance']);
  });

  test('an AWS workload models the reverse direction, with EC2 at $140.16/mo for 2 × m5.large', async () => {
    const { body } = await harness.command(
      'estimate aws web=2xm5.large worker=1xc6i.xlarge rds=db.m6g.large multi-az cache=cache.t4g.small',
    );
    expect(body.blocks[0].text.text).toMatch(
      /^Estimate: AWS \$[\d,]+\.\d\d\/mo now; Heroku \$[\d,]+\.\d\d–\$[\d,]+\.\d\d\/mo in three tiers/,
    );
    expect(textOf(body)).toContain('= *$140.16/mo*');
  });

  test('`share` posts in the channel', async () => {
    const { body } = await harness.command('estimate web=1xstandard-1x share');
    expect(body.response_type).toBe('in_channel');
  });

  test('contract-priced items are flagged, never $0', async () => {
    const { body } = await harness.command('estimate web=2xstandard-2x postgres=standard-0 hipaa');
    const shown = textOf(body);
    expect(shown).toContain('*contract price*');
    expect(shown).toContain('Totals exclude contract-priced items');
    expect(shown).not.toMatch(/Shield Private Space[^\n]*\$0\.00/);
  });

  const badInputs: [string, RegExp][] = [
    ['web=2xstandard-9x', /no Heroku dyno size `standard-9x`/],
    ['web=-2xstandard-2x', /count|negative|at least 1/i],
    ['web=0xstandard-2x', /count|at least 1/i],
    ['web=5000xstandard-2x', /at most|limit/i],
    ['web=', /no value/i],
    ['web', /=|NAME=COUNTxSIZE/],
    ['web=2xstandard-2x web=1xbasic', /twice|duplicate|more than once/i],
    ['web=2xstandard-2x --turbo', /flag|don't know|unknown/i],
    ['web=2xstandard-2x review=-1', /review/i],
    ['web=2xstandard-2x ops-rate=abc', /ops-rate/i],
    ['web=2xm5.large', /aws/i],
    ['app=acme web=2xstandard-2x', /app=/i],
    ['postgres=standard-99 web=1xbasic', /postgres|plan/i],
    ['redis=premium-77 web=1xbasic', /plan|key-value|redis/i],
    ['aws web=2xm5.huge', /m5\.huge/],
    ['aws web=2xm5.large rds=db.x9.large', /db\.x9\.large/],
    ['aws web=2xm5.large cache=cache.zz.small', /cache\.zz\.small/],
    ['web=2xstandard-2x staging=yes', /staging/i],
    ['web=2xstandard-2x egress=lots', /egress/i],
    ['web=twoxstandard-2x', /twoxstandard-2x/],
    ['☃☃☃ web=2xstandard-2x', /character|understand|unknown|don't know/i],
  ];

  test.each(badInputs)('bad input `%s` gets a specific, friendly message with an example', async (words, expected) => {
    const res = await harness.command(`estimate ${words}`);
    expect(res.status).toBe(200);
    expect(res.elapsedMs).toBeLessThan(SLACK_ACK_LIMIT_MS);
    expect(res.body.response_type).toBe('ephemeral');
    expect(res.body.text).toMatch(expected);
    expect(res.body.text).toMatch(/e\.g\.|example|Example|for example|`[a-z]+=/i);
    expect(res.body.text).not.toMatch(/\n\s+at |TypeError|undefined/);
  });

  test('5,000 characters of text are refused with a length message, not echoed', async () => {
    const res = await harness.command(`estimate ${'x'.repeat(5000)}`);
    expect(res.body.text).toMatch(/characters/);
    expect(res.body.text.length).toBeLessThan(600);
  });
});

describe('the estimate form', () => {
  const submission = (values: Record<string, unknown>) => ({
    type: 'view_submission',
    view: {
      id: 'V1',
      callback_id: 'estimate_form',
      type: 'modal',
      state: { values },
      private_metadata: '',
      hash: 'h',
    },
    response_urls: [
      {
        block_id: 'channel',
        action_id: 'value',
        channel_id: 'C0CHANNEL',
        response_url: `${harness.slack.url}/respond/form`,
      },
    ],
  });
  const field = (value: string) => ({ value: { type: 'plain_text_input', value } });

  test('`/hosting estimate` with no words opens the modal via views.open with the trigger', async () => {
    const res = await harness.command('estimate');
    expect(res.status).toBe(200);
    await harness.settle();
    const [open] = harness.slack.callsTo('views.open');
    expect(open.body.trigger_id).toMatch(/^trigger-/);
    expect((open.body.view as { callback_id: string }).callback_id).toBe('estimate_form');
  });

  test('an invalid submission is answered with errors on the right fields', async () => {
    const res = await harness.interaction(
      submission({
        platform: { value: { type: 'static_select', selected_option: { value: 'heroku' } } },
        processes: field('web=2xstandard-2x'),
        database: field('standard-99'),
        cache: field(''),
        options: { value: { type: 'checkboxes', selected_options: [] } },
        review: field(''),
        ops_rate: field(''),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.response_action).toBe('errors');
    expect(Object.keys(res.body.errors)).toEqual(['database']);
    expect(res.body.errors.database).toMatch(/standard-99/);
  });

  test('an invalid process list is pinned on the processes field', async () => {
    const res = await harness.interaction(
      submission({ processes: field('web=2xnonsense'), platform: { value: { selected_option: { value: 'heroku' } } } }),
    );
    expect(Object.keys(res.body.errors)).toEqual(['processes']);
  });

  test('three bad fields: all three errors in one answer, each on its field', async () => {
    const res = await harness.interaction(
      submission({
        platform: { value: { type: 'static_select', selected_option: { value: 'heroku' } } },
        processes: field('web=2xnonsense'),
        database: field('standard-99'),
        cache: field('premium-77'),
        review: field('-1'),
      }),
    );
    expect(res.body.response_action).toBe('errors');
    expect(Object.keys(res.body.errors).sort()).toEqual(['cache', 'database', 'processes', 'review']);
    expect(res.body.errors.processes).toContain('nonsense');
    expect(res.body.errors.database).toContain('standard-99');
    expect(res.body.errors.cache).toContain('premium-77');
    // Field errors are plain text: code marks become quotes, nothing else is dropped.
    expect(JSON.stringify(res.body.errors)).not.toContain('`');
  });

  test('a valid submission closes the modal and posts the same answer as the command', async () => {
    const before = harness.slack.responses.length;
    const res = await harness.interaction(
      submission({
        platform: { value: { type: 'static_select', selected_option: { value: 'heroku' } } },
        processes: field('web=2xstandard-2x'),
        database: field('standard-0'),
        options: { value: { type: 'checkboxes', selected_options: [{ value: 'staging' }] } },
        review: field('2'),
        ops_rate: field('120'),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await harness.settle();
    const posted = harness.slack.responses.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0].path).toBe('/respond/form');
    const same = await harness.command('estimate web=2xstandard-2x postgres=standard-0 staging review=2 ops-rate=120');
    expect(posted[0].body.blocks).toEqual(same.body.blocks);
  });
});

describe('estimate buttons', () => {
  test('Share in channel posts the same estimate in the channel', async () => {
    const before = harness.slack.responses.length;
    const res = await harness.interaction({
      type: 'block_actions',
      channel: { id: 'C0CHANNEL', name: 'eng' },
      container: { type: 'message', message_ts: '1.2', channel_id: 'C0CHANNEL', is_ephemeral: true },
      response_url: `${harness.slack.url}/respond/share`,
      actions: [
        {
          type: 'button',
          action_id: 'share_estimate',
          block_id: 'estimate_actions',
          value: 'web=2xstandard-2x',
          action_ts: '1',
        },
      ],
    });
    expect(res.status).toBe(200);
    await harness.settle();
    const [shared] = harness.slack.responses.slice(before);
    expect(shared.path).toBe('/respond/share');
    expect(shared.body.response_type).toBe('in_channel');
    expect(JSON.stringify(shared.body.blocks)).toContain('$100.00/mo');
  });
});
