import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { estimateFormView } from '../../src/slack/listeners/views/estimate-form';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { pressButton } from '../support/press-button';
import { expectWithinSlackLimits } from '../support/slack-blocks';

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the bot sent
type Json = any;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

function textOf(body: { blocks?: { type: string; text?: { text: string }; elements?: { text?: string }[] }[] }) {
  return (body.blocks ?? [])
    .map((block) => block.text?.text ?? (block.elements ?? []).map((element) => element.text ?? '').join(' '))
    .join('\n');
}

const fields = (body: Json): string[] =>
  body.blocks.find((block: Json) => block.fields).fields.map((f: Json) => f.text);

const cents = (dollars: string) => Math.round(Number(dollars.replace(/,/g, '')) * 100);

/** The cents of the bullets shown under `header`, added up: what a lead adds to check the total. */
function bulletsAddUp(shown: string, header: string): number {
  const lines = shown.split('\n');
  let sum = 0;
  for (const line of lines.slice(lines.indexOf(header) + 1)) {
    const amount = /^• .*: \*\$([\d,]+\.\d{2})\*$/.exec(line);
    if (!amount) break;
    sum += cents(amount[1]!);
  }
  return sum;
}

describe('/hosting estimate through the real receiver', () => {
  test('a Heroku workload: both totals first, the figures in two columns, one verdict, the largest lines', async () => {
    const res = await harness.command('estimate web=2xstandard-2x postgres=standard-0');
    capture('estimate', res.body);
    expect(res.status).toBe(200);
    const { body } = res;
    expect(body.response_type).toBe('ephemeral');
    expectWithinSlackLimits(body, 50);
    expect(body.blocks[0].text.text).toBe('Estimate: Heroku $150.00/mo now; AWS $279.72–$305.14/mo in three tiers');
    expect(fields(body)).toEqual([
      '*Heroku as it runs*\n*$150.00/mo* infrastructure\n$350.00/mo with ops',
      '*AWS, consolidated tier (modelled)*\n*$305.14/mo* infrastructure\n$1,305.14/mo with ops',
      '*Difference per month*\nHeroku $155.14 less\nHeroku $955.14 less with ops',
      '*Difference per year*\nHeroku $1,861.68 less\nHeroku $11,461.68 less with ops',
    ]);
    const shown = textOf(body);
    // One verdict line, infrastructure and ops together: never two opposite verdicts in a row.
    expect(shown).toContain(
      "*Heroku is cheaper*: by $155.14/mo on infrastructure and by $955.14/mo with ops, against AWS's consolidated tier.",
    );
    expect(shown.match(/is cheaper/g)).toHaveLength(1);
    // The largest lines of each side, and the rest in one line, adding up to the total above them.
    expect(shown).toContain('• web: Standard-2X dyno (2 × $50.00/month): *$100.00*');
    expect(shown).toContain(
      [
        '*AWS (us-east-1), consolidated tier (modelled): $305.14/mo*',
        '• RDS PostgreSQL db.m6g.large Single-AZ: *$116.07*',
        '• NAT gateway × 2 (one per Availability Zone): *$65.70*',
        '• web: 2 × t3.medium: *$60.74*',
        '• Application Load Balancer: *$16.43*',
        "• Public IPv4 addresses (4: the load balancer's and NAT gateways'): *$14.60*",
        '• 7 more lines: *$31.60*',
      ].join('\n'),
    );
    expect(bulletsAddUp(shown, '*AWS (us-east-1), consolidated tier (modelled): $305.14/mo*')).toBe(30514);
    expect(shown).toContain('like-for-like $305.14/mo · consolidated $305.14/mo · optimised $279.72/mo');
    expect(shown).toContain('list prices whose sources are dated *2024-02-01 to 2026-10-02*');
    // No terminal command in a Slack answer.
    expect(JSON.stringify(body)).not.toMatch(/npx|--json/);
    // The notification text is the headline and the verdict, not the whole answer.
    expect(body.text).toContain('Estimate: Heroku $150.00/mo now; AWS $279.72–$305.14/mo in three tiers');
    expect(body.text).toContain('Heroku is cheaper: by $155.14/mo on infrastructure and by $955.14/mo with ops');
    expect(body.text.length).toBeLessThan(600);
    const buttons = body.blocks.at(-1).elements.map((element: { action_id: string }) => element.action_id);
    expect(buttons).toEqual(['estimate_details', 'share_estimate', 'open_compliance']);
  });

  test('an Eco app on Fargate: its web task keeps a load balancer (a task cannot keep its address), and Details says why', async () => {
    const res = await harness.command('estimate web=1xeco fargate');
    capture('estimate-eco-fargate', res.body);
    expectWithinSlackLimits(res.body, 50);
    expect(res.body.blocks[0].text.text).toBe('Estimate: Heroku $5.00/mo now; AWS $48.26–$51.50/mo in three tiers');
    expect(textOf(res.body)).toContain('• Application Load Balancer: *$16.43*');
    const press = await pressButton(harness, res.body, 'Details');
    const view = press.openedView();
    capture('estimate-eco-fargate-details', { trigger_id: 'trigger', view });
    const details = textOf(view);
    expect(details).toContain('On Fargate, a web process in a public subnet keeps a load balancer in front of it');
    expect(details).not.toMatch(/NAT gateway[^s]*: \*?\$/);
  });

  test('Details opens every line, assumption and source in a modal, with the same totals', async () => {
    const { body } = await harness.command('estimate web=2xstandard-2x postgres=standard-0');
    const press = await pressButton(harness, body, 'Details');
    expect(press.ack.status).toBe(200);
    const view = press.openedView();
    capture('estimate-details', { trigger_id: 'trigger', view });
    expect(press.calls.find((call) => call.method === 'views.open')!.body.trigger_id).toMatch(/^trigger-/);
    expect(view.type).toBe('modal');
    expectWithinSlackLimits(view, 100);
    const shown = textOf(view);
    expect(shown).toContain('AWS (modelled): $279.72/mo to $305.14/mo infrastructure across three tiers');
    expect(shown).toContain('*Heroku as it runs*: *$150.00/mo* infrastructure, $350.00/mo with ops (TCO), estimated');
    expect(shown).toMatch(/2 × \$50\.00\/month = \*\$100\.00\/mo\* \[\d+\]/);
    expect(shown).toMatch(/Application Load Balancer.*\$16\.43\/mo/);
    expect(shown).toMatch(/NAT gateway × 2 \(one per Availability Zone\).*\$65\.70\/mo/);
    // Every tier shows its own lines, so the verdict's tier can be checked line by line.
    for (const tier of ['like-for-like', 'consolidated', 'optimised'])
      expect(shown).toContain(`*AWS (us-east-1), ${tier} tier (modelled)*:`);
    expect(shown).toContain(
      '*AWS (us-east-1), optimised tier (modelled)*: *$279.72/mo* infrastructure, $1,279.72/mo with ops (TCO)',
    );
    // The same single verdict as the answer; the assumptions; each cited source with its date.
    expect(shown).toContain('*Heroku is cheaper*: by $155.14/mo on infrastructure and by $955.14/mo with ops');
    expect(shown).toContain('*Assumptions*');
    expect(shown).toMatch(/\[1\] [^\n]*\d{4}-\d{2}-\d{2}/);
    expect(JSON.stringify(view)).not.toMatch(/npx|--json/);
  });

  test('the largest realistic estimates, both directions: within Slack limits, a short notification, Details within a view', async () => {
    const processes = (sizes: string[]) =>
      Array.from({ length: 20 }, (_, i) => `p${i + 1}=${1 + (i % 9)}x${sizes[i % sizes.length]}`).join(' ');
    const flags = 'staging review=50 hipaa pci egress=50000gb logs=5000gb';
    for (const [name, words] of [
      [
        'heroku',
        `${processes(['performance-l', 'standard-2x', 'performance-m', 'standard-1x', 'performance-xl'])} postgres=premium-7 redis=premium-9 ${flags}`,
      ],
      [
        'aws',
        `aws ${processes(['m5.xlarge', 't3.medium', 'r6i.2xlarge', 'c6i.large', 'm6g.4xlarge'])} rds=db.r6g.2xlarge multi-az cache=cache.m6g.large ${flags}`,
      ],
    ]) {
      const { body } = await harness.command(`estimate ${words}`);
      capture(`estimate-largest-${name}`, body);
      expect([name, body.blocks?.[0]?.text?.text]).toEqual([name, expect.stringMatching(/^Estimate: /)]);
      expectWithinSlackLimits(body, 50);
      expect(body.text.length).toBeLessThan(4000);
      expect(textOf(body).split('\n').length).toBeLessThanOrEqual(25);
      const view = (await pressButton(harness, body, 'Details')).openedView();
      capture(`estimate-largest-${name}-details`, { trigger_id: 'trigger', view });
      expectWithinSlackLimits(view, 100);
      // Nothing cut: the last block is the sources, not a note that the rest did not fit.
      expect(JSON.stringify(view.blocks.at(-1))).toContain('*Sources*');
    }
  });
  test('an AWS workload models the reverse direction, with EC2 at $140.16/mo for 2 × m5.large', async () => {
    const { body } = await harness.command(
      'estimate aws web=2xm5.large worker=1xc6i.xlarge rds=db.m6g.large multi-az cache=cache.t4g.small',
    );
    expect(body.blocks[0].text.text).toMatch(
      /^Estimate: AWS \$[\d,]+\.\d\d\/mo now; Heroku (≥ )?\$[\d,]+\.\d\d–\$[\d,]+\.\d\d\/mo in three tiers/,
    );
    const view = (await pressButton(harness, body, 'Details')).openedView();
    expect(textOf(view)).toMatch(/= \*\$140\.16\/mo\* \[\d+\]/);
  });

  test('a workload with no web process names no load balancer it does not have', async () => {
    const res = await harness.command('estimate worker=3xstandard-1x');
    expect(res.status).toBe(200);
    const shown = textOf(res.body);
    // Two NAT gateways' addresses, 1,460 address-hours × $0.005; no web, so no load balancer.
    expect(shown).toContain("• Public IPv4 addresses (2: the NAT gateways'): *$7.30*");
    expect(shown).not.toMatch(/load balancer/i);
  });

  test('a one-dyno Eco app: AWS as one instance with its own address, no load balancer or NAT gateway, in the answer and its Details', async () => {
    const res = await harness.command('estimate web=1xeco');
    capture('estimate-eco', res.body);
    expect(res.status).toBe(200);
    const { body } = res;
    expectWithinSlackLimits(body, 50);
    // Before: AWS $91.70–$98.05/mo, a NAT gateway ($32.85) and a load balancer ($16.43) its largest lines.
    expect(body.blocks[0].text.text).toBe('Estimate: Heroku $5.00/mo now; AWS $23.35–$29.70/mo in three tiers');
    const shown = textOf(body);
    expect(shown).toContain(
      [
        '*AWS (us-east-1), consolidated tier (modelled): $29.70/mo*',
        '• web: 1 × t3.small: *$15.18*',
        '• Data transfer out to the internet (first 10 TB: 100 GB): *$9.00*',
        "• Public IPv4 address (1: the instance's own, in a public subnet): *$3.65*",
        '• EBS gp3 root volumes (1 instance × 20 GB): *$1.60*',
        // One Eco dyno logs 0.5 GB a month ("Log volume follows what runs"), not 10 GB.
        '• CloudWatch Logs ingestion (0.5 GB): *$0.25*',
        '• CloudWatch Logs storage (1 month kept): *$0.02*',
      ].join('\n'),
    );
    expect(shown).not.toMatch(/NAT gateway|Load Balancer/);
    const press = await pressButton(harness, body, 'Details');
    const view = press.openedView();
    capture('estimate-eco-details', { trigger_id: 'trigger', view });
    const details = JSON.stringify(view);
    expect(details).toContain('An app that runs only Eco or Basic dynos');
    expect(details).toContain('Amazon VPC User Guide, NAT gateways');
    expect(details).not.toMatch(/NAT gateway data processed|\$32\.85|Application Load Balancer/);
  });

  test('`share` posts the compact answer in the channel, saying who shared it', async () => {
    const { body } = await harness.command('estimate web=1xstandard-1x share');
    expect(body.response_type).toBe('in_channel');
    expect(textOf(body)).toContain(`Shared by <@${LEAD}>`);
    expect(body.text).toMatch(new RegExp(`^Shared by <@${LEAD}>: Estimate: Heroku`));
    const buttons = body.blocks.at(-1).elements.map((element: { action_id: string }) => element.action_id);
    expect(buttons).toEqual(['estimate_details', 'open_compliance']);
  });

  test('contract-priced items are flagged, never $0, and Heroku is never called cheaper: AWS is, by at least the gap', async () => {
    const { body } = await harness.command('estimate web=2xstandard-2x postgres=standard-0 hipaa');
    const shown = textOf(body);
    expect(body.blocks[0].text.text).toMatch(/^Estimate: Heroku ≥ \$[\d,.]+\/mo now/);
    expect(shown).toContain(
      '• 2 without a public price, not in the total: Shield Private Space, Heroku Postgres shield-0',
    );
    // Heroku ≥ $540.00 against AWS's $327.52: the bound decides infrastructure; with ops it does not.
    expect(shown).toContain(
      "*AWS is cheaper on infrastructure by at least $212.48/mo*, against AWS's consolidated tier; with ops, Heroku is the cheaper only if the 2 items left out cost less than $587.52/mo together, otherwise AWS is.",
    );
    expect(fields(body)[2]).toBe('*Difference per month*\nAWS at least $212.48 less\nnot comparable with ops');
    expect(fields(body)[3]).toBe('*Difference per year*\nAWS at least $2,549.76 less\nnot comparable with ops');
    expect(shown).not.toMatch(/Heroku is cheaper|Heroku \$[\d,.]+ less/);
    expect(shown).not.toMatch(/Shield Private Space[^\n]*\$0\.00/);
    const details = textOf((await pressButton(harness, body, 'Details')).openedView());
    expect(details).toContain('*contract price*');
    expect(details).toContain('set heroku.space.shield in PRICING_FILE');
  });

  test('an AWS cache whose Heroku plan the bundled list lacks: AWS at least $176.34 less, and the refresh, not a contract, in every part', async () => {
    const res = await harness.command('estimate aws web=1xm5.large cache=cache.t4g.small');
    capture('estimate-bound', res.body);
    const { body } = res;
    expectWithinSlackLimits(body, 50);
    const shown = textOf(body);
    expect(fields(body)[0]).toBe('*AWS as it runs*\n*$173.66/mo* infrastructure\n$1,173.66/mo with ops');
    expect(fields(body)[1]).toBe(
      '*Heroku, consolidated tier (modelled)*\n*≥ $350.00/mo* infrastructure\n≥ $550.00/mo with ops',
    );
    expect(fields(body)[2]).toBe('*Difference per month*\nAWS at least $176.34 less\nnot comparable with ops');
    const verdict =
      "*AWS is cheaper on infrastructure by at least $176.34/mo*, against Heroku's consolidated tier; with ops, Heroku is the cheaper only if the item left out costs less than $623.66/mo, otherwise AWS is. Heroku's total leaves out 1 item without a price in the bundled list";
    expect(shown).toContain(`${verdict} (Details says which), which can only add to it.`);
    expect(body.text).toContain(verdict.replace(/\*/g, ''));
    expect(shown).not.toContain('No verdict');
    expect(shown).not.toContain('contract prices');
    const view = (await pressButton(harness, body, 'Details')).openedView();
    capture('estimate-bound-details', { trigger_id: 'trigger', view });
    const details = textOf(view);
    expect(details).toContain(`${verdict} (below: which, and the key for each), which can only add to it.`);
    expect(details).toContain("a lead's price refresh (`prices refresh`) reads it from Heroku");
  });

  test('a contract price and a list price the bundled list lacks: each named for what it is, in the answer and in Details', async () => {
    // A private-s dyno runs in a Private Space (a contract price); premium-7 has a list price Heroku publishes.
    const res = await harness.command('estimate web=1xprivate-s redis=premium-7');
    capture('estimate-left-out', res.body);
    const { body } = res;
    expectWithinSlackLimits(body, 50);
    const shown = textOf(body);
    expect(shown).toContain(
      [
        '• 1 without a public price, not in the total: Private Space (a contract price; see Details)',
        '• 1 without a price in the bundled list, not in the total: Heroku Key-Value Store premium-7 (a price refresh reads it; see Details)',
      ].join('\n'),
    );
    const view = (await pressButton(harness, body, 'Details')).openedView();
    capture('estimate-left-out-details', { trigger_id: 'trigger', view });
    const details = textOf(view);
    expect(details).toContain('• Private Space: *contract price*: set heroku.space.private in PRICING_FILE [');
    expect(details).toContain(
      '• Heroku Key-Value Store premium-7: *list price, not in the bundled list*: listed in Heroku Elements and the Platform API; a price refresh (`prices refresh`) reads it, or set heroku.kvs.premium-7 in PRICING_FILE [',
    );
    expect(details).not.toMatch(/premium-7: \*contract price\*/);
    expect(details).toContain(
      "• Heroku totals exclude 1 item without a public price (Private Space in production) and 1 item without a price in the bundled list (Heroku Key-Value Store premium-7 in production): they are lower bounds until you set the contract price in PRICING_FILE and a lead's price refresh (`prices refresh`) reads the list price from Heroku (or you set it in PRICING_FILE).",
    );
  });

  test('a list price the bundled list lacks alone: never called a contract price, nor said to have no public price', async () => {
    const { body } = await harness.command('estimate web=1xstandard-2x redis=premium-7');
    expect(textOf(body)).toContain(
      '• 1 without a price in the bundled list, not in the total: Heroku Key-Value Store premium-7 (a price refresh reads it; see Details)',
    );
    const details = textOf((await pressButton(harness, body, 'Details')).openedView());
    expect(details).toContain('• Heroku Key-Value Store premium-7: *list price, not in the bundled list*: ');
    expect(details).not.toMatch(/contract price|no public price|without a public price/);
  });

  test('Eco dynos: Details says AWS is priced always on and how many of those hours Heroku gives them', async () => {
    const { body } = await harness.command('estimate web=1xeco worker=1xeco');
    const view = (await pressButton(harness, body, 'Details')).openedView();
    capture('estimate-eco-details', { trigger_id: 'trigger', view });
    const details = textOf(view);
    expect(details).toContain(
      'Eco dynos (web, worker) on AWS are priced always on: these 2 Eco dynos, 1,460 instance-hours a month',
    );
    expect(details).toContain('so Heroku runs these 2 Eco dynos at most 1,000 of the 1,460 hours priced on AWS');
  });

  test('Details gives a total that leaves items out as a lower bound, as the answer does, and says "contract price" once', async () => {
    const { body } = await harness.command('estimate web=2xstandard-2x postgres=standard-0 hipaa');
    expect(fields(body)[0]).toBe('*Heroku as it runs*\n*≥ $540.00/mo* infrastructure\n≥ $740.00/mo with ops');
    const details = textOf((await pressButton(harness, body, 'Details')).openedView());
    expect(details).toContain(
      '*Heroku as it runs*: *≥ $540.00/mo* infrastructure, ≥ $740.00/mo with ops (TCO), estimated',
    );
    expect(details).toContain('• Shield Private Space: *contract price*: set heroku.space.shield in PRICING_FILE [');
    expect(details).not.toContain('contract price: contract price');
    // The reverse direction: the modelled tier that leaves a plan out is a lower bound in its own heading too.
    const reverse = await harness.command(
      'estimate aws web=2xm5.large rds=db.m6g.large multi-az storage=100gb cache=cache.t4g.small',
    );
    const tiers = textOf((await pressButton(harness, reverse.body, 'Details')).openedView());
    expect(tiers).toContain('like-for-like ≥ $1,350.00/mo');
    expect(tiers).toContain(
      '*Heroku, like-for-like tier (modelled)*: *≥ $1,350.00/mo* infrastructure, ≥ $1,550.00/mo with ops (TCO), estimated',
    );
    expect(tiers).toContain('*AWS (us-east-1) as it runs*: *$539.63/mo* infrastructure');
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
  const submission = (values: Record<string, unknown>, metadata = { platform: 'heroku', rows: 2 }) => ({
    type: 'view_submission',
    view: {
      id: 'V1',
      callback_id: 'estimate_form',
      type: 'modal',
      state: { values },
      private_metadata: JSON.stringify(metadata),
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
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
  const count = (value: string) => ({ value: { type: 'number_input', value } });
  const pick = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });
  const platform = (value: string) => ({
    platform: { estimate_form_platform: { type: 'static_select', selected_option: { value } } },
  });
  /** A process row as the form sends it. */
  const row = (n: number, name: string, how: string, size: string, on = 'heroku') => ({
    [`process_${n}_name`]: text(name),
    [`process_${n}_count`]: count(how),
    ...(size ? { [`process_${n}_size_${on}`]: pick(size) } : {}),
  });
  const openForm = async () => {
    await harness.command('estimate');
    await harness.settle();
    const open = harness.slack.callsTo('views.open').at(-1)!;
    return { open, view: open.body.view as Json };
  };
  const inputs = (view: Json) => view.blocks.filter((block: Json) => block.type === 'input');

  test('`/hosting estimate` with no words opens a form of process rows with size menus, not the grammar', async () => {
    const res = await harness.command('estimate');
    expect(res.status).toBe(200);
    const { open, view } = await openForm();
    capture('estimate-form', open.body);
    expect(open.body.trigger_id).toMatch(/^trigger-/);
    expect(view.callback_id).toBe('estimate_form');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const byId = Object.fromEntries(inputs(view).map((block: Json) => [block.block_id, block]));
    expect(byId.process_1_name.element).toMatchObject({ type: 'plain_text_input', initial_value: 'web' });
    expect(byId.process_1_count.element).toMatchObject({ type: 'number_input', initial_value: '2' });
    const size = byId.process_1_size_heroku.element;
    expect(size.type).toBe('static_select');
    expect(size.initial_option.value).toBe('standard-2x');
    const sizes = size.option_groups.flatMap((group: Json) => group.options.map((o: Json) => o.value));
    expect(sizes).toEqual(expect.arrayContaining(['basic', 'standard-1x', 'standard-2x', 'performance-m', 'shield-l']));
    expect(sizes.length).toBeLessThanOrEqual(100);
    expect(
      byId.database_heroku.element.option_groups.flatMap((g: Json) => g.options.map((o: Json) => o.value)),
    ).toContain('standard-0');
    // Nowhere does it ask for NAME=COUNTxSIZE.
    expect(JSON.stringify(view)).not.toMatch(/NAME=COUNTxSIZE|=2xstandard/);
  });

  test('choosing AWS redraws the form with instance types; "Add a process" adds a row', async () => {
    const { view } = await openForm();
    const update = async (action: Record<string, unknown>, current: Json) => {
      const res = await harness.interaction({
        type: 'block_actions',
        container: { type: 'view', view_id: 'V0001' },
        view: { ...current, id: 'V0001', hash: 'hash-1', state: { values: {} } },
        actions: [{ action_ts: '1', ...action }],
      });
      expect(res.status).toBe(200);
      await harness.settle();
      const call = harness.slack.callsTo('views.update').at(-1)!;
      expect(call.body).toMatchObject({ view_id: 'V0001', hash: 'hash-1' });
      return call.body.view as Json;
    };
    const aws = await update(
      {
        type: 'static_select',
        block_id: 'platform',
        action_id: 'estimate_form_platform',
        selected_option: { value: 'aws' },
      },
      view,
    );
    capture('estimate-form-aws', { view: aws });
    const ids = inputs(aws).map((block: Json) => block.block_id);
    expect(ids).toContain('process_1_size_aws');
    expect(ids).toContain('database_aws');
    const size = inputs(aws).find((block: Json) => block.block_id === 'process_1_size_aws').element;
    const types = size.option_groups.flatMap((group: Json) => group.options.map((o: Json) => o.value));
    expect(types).toEqual(expect.arrayContaining(['m5.large', 't3.medium', 'm6g.xlarge']));
    expect(size.initial_option.value).toBe('m5.large');
    const more = await update(
      { type: 'button', block_id: 'process_rows', action_id: 'estimate_form_add_process' },
      aws,
    );
    expect(inputs(more).map((block: Json) => block.block_id)).toContain('process_3_size_aws');
    expect(JSON.parse(more.private_metadata)).toEqual({ platform: 'aws', rows: 3 });
  });

  test('an invalid submission is answered with errors on the right fields', async () => {
    const res = await harness.interaction(
      submission({
        ...platform('heroku'),
        ...row(1, 'web', '2', 'standard-2x'),
        database_heroku: pick('standard-99'),
        options: { value: { type: 'checkboxes', selected_options: [] } },
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body.response_action).toBe('errors');
    expect(Object.keys(res.body.errors)).toEqual(['database_heroku']);
    expect(res.body.errors.database_heroku).toMatch(/standard-99/);
  });

  test('every bad field at once, each on its field, the words unaltered', async () => {
    const values = {
      ...platform('heroku'),
      ...row(1, 'w*e*b', '2', 'standard-2x'),
      ...row(2, 'worker', '0', ''),
      ...row(3, 'web2', '1', 'basic'),
      ...row(4, 'web2', '1', 'basic'),
      review: count('-1'),
      ops_rate: count('abc'),
    };
    const res = await harness.interaction(submission(values, { platform: 'heroku', rows: 4 }));
    capture('estimate-form-errors', {
      response_action: 'errors',
      errors: res.body.errors,
      view: { ...estimateFormView(DEFAULT_CATALOG, { platform: 'heroku', rows: 4 }), state: { values } },
    });
    expect(res.body.response_action).toBe('errors');
    expect(Object.keys(res.body.errors).sort()).toEqual(
      ['ops_rate', 'process_1_name', 'process_2_count', 'process_2_size_heroku', 'process_4_name', 'review'].sort(),
    );
    // The asterisks the person typed are in the message as typed.
    expect(res.body.errors.process_1_name).toContain('w*e*b');
    expect(res.body.errors.process_2_count).toMatch(/worker/);
    expect(res.body.errors.process_2_size_heroku).toBe('Pick a dyno size for worker.');
    expect(res.body.errors.process_4_name).toMatch(/web2.*twice/);
    expect(res.body.errors.review).toMatch(/review/);
    expect(res.body.errors.ops_rate).toMatch(/ops-rate/);
    // Field errors are plain text: code marks become quotes.
    expect(JSON.stringify(res.body.errors)).not.toContain('`');
  });

  // The name box takes a name, not the command's words: its errors say what a name may be, with a
  // name for an example, never "web=2xstandard-2x" or a Postgres plan.
  test.each([
    [
      'web app',
      '"web app" is not a process name: use up to 30 letters, digits, - and _, starting with a letter, e.g. web or worker.',
    ],
    [
      'wéb',
      '"wéb" is not a process name: use up to 30 letters, digits, - and _, starting with a letter, e.g. web or worker.',
    ],
    [
      '<!channel>',
      '"<!channel>" is not a process name: use up to 30 letters, digits, - and _, starting with a letter, e.g. web or worker.',
    ],
    [
      'postgres',
      '"postgres" is one of the estimate\'s own words (a setting or an option): name the process something else, e.g. web or worker.',
    ],
    [
      'staging',
      '"staging" is one of the estimate\'s own words (a setting or an option): name the process something else, e.g. web or worker.',
    ],
  ])('a process named %s: the error says what a name may be', async (name, error) => {
    const res = await harness.interaction(submission({ ...platform('heroku'), ...row(1, name, '2', 'standard-2x') }));
    expect(res.body).toEqual({ response_action: 'errors', errors: { process_1_name: error } });
  });

  test("a name given on two rows: the error names both rows, in the form's words", async () => {
    const res = await harness.interaction(
      submission(
        { ...platform('heroku'), ...row(1, 'web', '2', 'standard-2x'), ...row(2, 'Web', '1', 'basic') },
        { platform: 'heroku', rows: 2 },
      ),
    );
    expect(res.body.errors).toEqual({
      process_2_name:
        '"Web" is given twice, in processes 1 and 2: give each process one row with how many run, or another name.',
    });
  });

  test('a form with no process says what a process needs', async () => {
    const res = await harness.interaction(submission({ ...platform('heroku'), ...row(1, '', '', '') }));
    expect(res.body.errors).toEqual({
      process_1_name: 'Add at least one process: a name (e.g. web), how many run, and its dyno size.',
    });
  });

  test('a valid submission closes the modal and posts the same answer as the command', async () => {
    const before = harness.slack.responses.length;
    const res = await harness.interaction(
      submission({
        ...platform('heroku'),
        ...row(1, 'web', '2', 'standard-2x'),
        ...row(2, 'worker', '1', 'performance-m'),
        database_heroku: pick('standard-0'),
        options: { value: { type: 'checkboxes', selected_options: [{ value: 'staging' }] } },
        review: count('2'),
        ops_rate: count('120'),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    await harness.settle();
    const posted = harness.slack.responses.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0].path).toBe('/respond/form');
    const same = await harness.command(
      'estimate web=2xstandard-2x worker=1xperformance-m postgres=standard-0 staging review=2 ops-rate=120',
    );
    expect(posted[0].body.blocks).toEqual(same.body.blocks);
  });

  test('an AWS form estimates the AWS workload', async () => {
    const before = harness.slack.responses.length;
    const res = await harness.interaction(
      submission(
        {
          ...platform('aws'),
          ...row(1, 'web', '2', 'm5.large', 'aws'),
          database_aws: pick('db.m6g.large'),
          cache_aws: pick('cache.t4g.small'),
          options: { value: { type: 'checkboxes', selected_options: [{ value: 'multi-az' }] } },
        },
        { platform: 'aws', rows: 2 },
      ),
    );
    expect(res.body).toBe('');
    await harness.settle();
    const [posted] = harness.slack.responses.slice(before);
    const same = await harness.command('estimate aws web=2xm5.large rds=db.m6g.large cache=cache.t4g.small multi-az');
    expect((posted.body as Json).blocks).toEqual(same.body.blocks);
  });
});

describe('estimate buttons', () => {
  test('Share in channel posts the same compact estimate in the channel, saying who shared it', async () => {
    const { body } = await harness.command('estimate web=2xstandard-2x');
    const press = await pressButton(harness, body, 'Share in channel', 'USHARER01');
    expect(press.ack.status).toBe(200);
    const [shared] = press.posts;
    capture('estimate-shared', shared.body);
    expect(shared.body.response_type).toBe('in_channel');
    expect(shared.body.replace_original).toBe(false);
    const shown = textOf(shared.body as Json);
    expect(shown).toContain('Shared by <@USHARER01>');
    expect(shown).toContain('• web: Standard-2X dyno (2 × $50.00/month): *$100.00*');
    expect((shared.body as Json).blocks[0].text.text).toBe(body.blocks[0].text.text);
    expectWithinSlackLimits(shared.body as Json, 50);
    // Anyone in the channel can open the details of a shared estimate.
    const view = (await pressButton(harness, shared.body, 'Details', 'UOTHER002')).openedView();
    expect(textOf(view)).toContain('*Heroku as it runs*: *$100.00/mo* infrastructure');
  });
});
