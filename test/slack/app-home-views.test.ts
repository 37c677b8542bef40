/**
 * The Home views as pure values: the lead dashboard drawn from a Digest built here by hand (every
 * figure known in advance), the guide for everyone else, the sparkline and the audit CSV.
 */
import type { ActionsBlock, HomeView } from '@slack/types';
import type { Digest, DigestWeek, PlatformDigest } from '../../src/core/digest/types';
import { usd } from '../../src/core/money';
import { MAX_TEXT } from '../../src/slack/block-kit';
import { auditCsv } from '../../src/slack/home/audit-csv';
import { dashboardFigures, isDashboardFigures } from '../../src/slack/home/dashboard-figures';
import { HOME_ACTIONS, MAX_HOME_BLOCKS } from '../../src/slack/home/home-blocks';
import { type LeadHomeInput, leadHomeView } from '../../src/slack/home/lead-view';
import { memberHomeView } from '../../src/slack/home/member-view';
import { SPARK_GAP, sparkline } from '../../src/slack/home/sparkline';
import { parseCsv } from '../support/read-csv';

const week = (id: string, start: string, end: string, label: string): DigestWeek => ({
  id,
  start,
  end,
  label,
  timezone: 'Europe/Berlin',
});
const WEEKS = [
  week('2026-W44', '2026-10-26', '2026-11-02', 'Mon 26 Oct – Sun 1 Nov 2026'),
  week('2026-W45', '2026-11-02', '2026-11-09', 'Mon 2 – Sun 8 Nov 2026'),
  week('2026-W46', '2026-11-09', '2026-11-16', 'Mon 9 – Sun 15 Nov 2026'),
  week('2026-W47', '2026-11-16', '2026-11-23', 'Mon 16 – Sun 22 Nov 2026'),
];

function aws(): PlatformDigest {
  return {
    platform: 'aws',
    status: 'ok',
    lastWeek: usd('700.25'),
    weeks: [
      { week: WEEKS[0], total: usd('400'), daysMissing: 0 },
      { week: WEEKS[1], total: usd('500'), daysMissing: 0 },
      { week: WEEKS[2], total: usd('600'), daysMissing: 1 },
      { week: WEEKS[3], total: usd('700.25'), daysMissing: 0 },
    ],
    change: usd('100.25'),
    changePercent: 16.708,
    movers: [{ name: 'Amazon EC2', current: usd('400'), previous: usd('300'), change: usd('100') }],
    top: [
      { name: 'Amazon EC2', cost: usd('400') },
      { name: 'Amazon RDS', cost: usd('250.25') },
    ],
    // 28 days, one without data.
    daily: [...Array.from({ length: 27 }, (_, i) => 5000 + i * 100), null],
    monthToDate: usd('1234.567'),
    month: '2026-11',
    monthToDateRange: { start: '2026-11-01', end: '2026-11-23' },
    forecastMonth: usd('2100'),
    forecastNote: 'AWS forecast (80% interval: $1,900.00 to $2,300.00)',
    translation: {
      to: 'heroku',
      modelledWeekly: usd('900'),
      differenceWeekly: usd('199.75'),
      differenceYearly: usd('10387'),
      notes: ['Lambda has no Heroku counterpart: not modelled'],
    },
    estimated: true,
    basis: ['UnblendedCost from Cost Explorer, as of Mon 23 Nov 2026, 08:00 UTC (cached)'],
  };
}

function digest(): Digest {
  return {
    week: WEEKS[3],
    weeks: WEEKS,
    days: Array.from({ length: 28 }, (_, i) => `day-${i}`),
    aws: aws(),
    heroku: { platform: 'heroku', status: 'failed', reason: 'Heroku said 401: check HEROKU_API_TOKEN.' },
    verdict: 'AWS up 16.7% on the week before; Heroku could not be read.',
    priceDates: { oldest: '2024-02-01', newest: '2026-10-02' },
    posture: [{ framework: 'HIPAA', summary: 'AWS: 7 met, 2 gaps, 3 to verify', gaps: 2 }],
    about: [
      'Cost Explorer requests for this digest: 3 ($0.03)',
      'Modelled costs: list prices from sources dated 2024-02-01 to 2026-10-02',
    ],
    generatedAt: new Date('2026-11-23T08:00:00Z'),
  };
}

function baseInput(overrides: Partial<LeadHomeInput> = {}): LeadHomeInput {
  return {
    figures: dashboardFigures(digest()),
    asOf: 'Mon 23 Nov 2026, 09:00 Europe/Berlin',
    cached: true,
    refreshing: false,
    nextDigest: {
      channel: 'CDIGEST01',
      when: 'Mon 30 Nov 2026, 09:00 Europe/Berlin',
      schedule: 'Mondays at 09:00 Europe/Berlin',
    },
    costExplorer: { month: '2026-11', requests: 14, cost: '$0.14' },
    leads: '<@ULEAD0001>',
    ...overrides,
  };
}

/** Every piece of text in a view, one string per text object. */
function texts(view: HomeView): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.text === 'string') out.push(record.text);
      for (const [key, child] of Object.entries(record)) if (key !== 'text' || typeof child !== 'string') walk(child);
    }
  };
  walk(view.blocks);
  return out;
}
const shown = (view: HomeView) => texts(view).join('\n');

function withinLimits(view: HomeView) {
  expect(view.type).toBe('home');
  expect(view.blocks.length).toBeLessThanOrEqual(MAX_HOME_BLOCKS);
  for (const text of texts(view)) expect(text.length).toBeLessThanOrEqual(MAX_TEXT);
}

describe('sparkline', () => {
  test('scales from zero to the highest (a small dip stays small), gaps as dots', () => {
    expect(sparkline([0, 6, 14])).toBe('▁▄█');
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▂▃▄▅▅▆▇█');
    // A 3.4% dip is one step at most, not a cliff.
    expect(sparkline([100, 96.6, 100])).toBe('███');
    expect(sparkline([0, 0])).toBe('▄▄');
    expect(sparkline([1, null, 3])).toBe(`▃${SPARK_GAP}█`);
    expect(sparkline([null, null])).toBe(`${SPARK_GAP}${SPARK_GAP}`);
    expect(sparkline([])).toBe('');
  });
});

describe('lead dashboard from a Digest', () => {
  const view = leadHomeView(baseInput());
  const text = shown(view);
  type Section = { text?: { text: string }; fields?: { text: string }[] };
  const fieldsOf = (v: HomeView, title: string): string[] | undefined =>
    (v.blocks as Section[]).find((b) => b.text?.text === title)?.fields?.map((f) => f.text);

  test('key figures in fields: month to date, forecast, last week and its change, rounded once to cents', () => {
    expect(fieldsOf(view, '*AWS*')).toEqual([
      '*Month to date (1–22 Nov)*\n$1,234.57',
      '*Forecast for November*\n$2,100.00',
      '*Last week*\n$700.25',
      '*Change on the week before*\n+$100.25 (+16.7%)',
      '*On Heroku (modelled)*\n$900.00/week (+$199.75)',
      '*Biggest changes*\nAmazon EC2 +$100.00',
      '*Largest last week*\nAmazon EC2 $400.00\nAmazon RDS $250.25',
    ]);
  });

  test('modelled figures say the dates of the sources they were priced from, not one catalog date (issue #13 item 7)', () => {
    const foot = view.blocks.at(-1) as { elements: { text: string }[] };
    expect(foot.elements[0]!.text).toContain(
      'Modelled costs: list prices from sources dated 2024-02-01 to 2026-10-02, infrastructure only (ops hours not counted).',
    );
    expect(text).not.toMatch(/list prices of|price list of/);
  });

  test('a platform that failed says why, with no figure', () => {
    expect(text).toContain('*Heroku*: not available right now. Heroku said 401: check HEROKU_API_TOKEN.');
  });

  test('both platforms together, when both were read, add up from the figures shown', () => {
    const both = digest();
    both.heroku = { ...aws(), platform: 'heroku', translation: undefined, movers: [], top: [] } as PlatformDigest;
    const together = fieldsOf(
      leadHomeView(baseInput({ figures: dashboardFigures(both) })),
      '*AWS and Heroku together*',
    );
    expect(together).toEqual([
      '*Month to date (1–22 Nov)*\n$2,469.14',
      '*Forecast for the month*\n$4,200.00',
      '*Last week*\n$1,400.50',
      '*Change on the week before*\n+$200.50 (+16.7%)',
    ]);
  });

  test('both platforms together on the 1st: the month to date says no whole day yet, as each platform does', () => {
    const first = digest();
    first.aws = { ...aws(), monthToDate: usd(0), monthToDateRange: { start: '2026-12-01', end: '2026-12-01' } };
    first.heroku = { ...first.aws, platform: 'heroku', translation: undefined, movers: [], top: [] } as PlatformDigest;
    const together = fieldsOf(
      leadHomeView(baseInput({ figures: dashboardFigures(first) })),
      '*AWS and Heroku together*',
    );
    expect(together?.[0]).toBe('*Month to date (no whole day yet)*\n$0.00');
  });

  test('one Refresh and a menu for the rest; the verdict first; no cache or request talk outside the foot', () => {
    const actions = view.blocks.find((block) => block.type === 'actions') as ActionsBlock;
    // biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
    const [refresh, more] = actions.elements as any[];
    expect(actions.elements).toHaveLength(2);
    expect(refresh.action_id).toBe(HOME_ACTIONS.refresh);
    expect(more.type).toBe('overflow');
    expect(more.options.map((o: { value: string }) => o.value)).toEqual([
      HOME_ACTIONS.newEstimate,
      HOME_ACTIONS.postDigest,
      HOME_ACTIONS.digestSettings,
      HOME_ACTIONS.refreshNow,
      HOME_ACTIONS.exportAudit,
    ]);
    expect(text).toContain('*AWS up 16.7% on the week before; Heroku could not be read.*');
    const body = view.blocks
      .slice(0, -1)
      .map((b) => JSON.stringify(b))
      .join('\n');
    // Only the freshness line at the top and the foot may say how the figures are kept.
    expect(body.replace(/Figures as of [^"]*cached/, '')).not.toMatch(
      /cache|Cost Explorer request|\$0\.01|UnblendedCost/i,
    );
    expect(text).toContain('*Next digest*: Mon 30 Nov 2026, 09:00 Europe/Berlin in <#CDIGEST01>.');
  });

  test('once this week’s digest is out: "Posted ✓" with a link, and no Post option', () => {
    const posted = leadHomeView(
      baseInput({
        nextDigest: {
          ...baseInput().nextDigest,
          posted: { link: 'https://slack.com/archives/CDIGEST01/p1700000000000100' },
        },
      }),
    );
    expect(shown(posted)).toContain(
      'This week’s is out: <https://slack.com/archives/CDIGEST01/p1700000000000100|Posted ✓>',
    );
    expect(JSON.stringify(posted)).not.toContain(HOME_ACTIONS.postDigest);
  });

  test('within Slack limits: at most 100 blocks, every text at most 3000 characters', () => {
    withinLimits(view);
    // Long names and many items are clipped, not sent over the limit.
    const huge = digest();
    const platform = huge.aws as PlatformDigest;
    platform.top = Array.from({ length: 200 }, (_, i) => ({ name: `service-${'x'.repeat(40)}-${i}`, cost: usd(i) }));
    platform.basis = Array.from({ length: 200 }, (_, i) => `basis line ${i} ${'y'.repeat(50)}`);
    huge.posture = Array.from({ length: 200 }, (_, i) => ({ framework: `F${i}`, summary: 'z'.repeat(100), gaps: i }));
    const big = leadHomeView(baseInput({ figures: dashboardFigures(huge), notice: 'n'.repeat(5000) }));
    withinLimits(big);
  });

  test('no figures yet: says it is fetching and shows none', () => {
    const empty = leadHomeView(baseInput({ figures: undefined, asOf: undefined, cached: false, refreshing: true }));
    const words = shown(empty);
    expect(words).toContain('No figures yet · fetching fresh figures; this page updates by itself');
    // The one amount left is what Cost Explorer queries cost, in the foot.
    expect(words.replace(/Cost Explorer queries this month.*$/m, '')).not.toMatch(/\$\d/);
  });

  test('the cached figures are plain JSON and survive a round trip through the store', () => {
    const figures = dashboardFigures(digest());
    const again = JSON.parse(JSON.stringify(figures));
    expect(isDashboardFigures(again)).toBe(true);
    expect(again).toEqual(figures);
    expect(isDashboardFigures({ ...again, version: 0 })).toBe(false);
    expect(isDashboardFigures(null)).toBe(false);
  });
});

describe('the guide for everyone else', () => {
  const view = memberHomeView({
    leads: '<@ULEAD0001> and the members of <!subteam^SLEADS01>',
    estimateExamples: ['estimate web=2xstandard-2x postgres=standard-0'],
    complianceExamples: ['compliance hipaa', 'compliance pci aws'],
  });

  test('what the bot does, how to estimate and check compliance, who the leads are; no figures', () => {
    const text = shown(view);
    expect(text).toContain('`/hosting estimate web=2xstandard-2x postgres=standard-0`');
    expect(text).toContain('`/hosting compliance pci aws`');
    expect(text).toContain('<@ULEAD0001> and the members of <!subteam^SLEADS01>');
    expect(text).not.toContain('$');
    withinLimits(view);
  });

  test('with no lead set up it says so', () => {
    const text = shown(memberHomeView({ leads: '', estimateExamples: [], complianceExamples: [] }));
    expect(text).toContain('none is set up yet');
  });
});

describe('audit CSV', () => {
  test('one row per entry, quoted where needed, formula-looking cells made inert', () => {
    const csv = auditCsv([
      { at: new Date('2026-11-23T09:00:00Z'), actor: 'ULEAD0001', action: 'dashboard', detail: 'App Home, "cached"' },
      { at: new Date('2026-11-23T09:05:00Z'), actor: 'ULEAD0001', action: 'spend', detail: '=HYPERLINK("x")' },
    ]);
    expect(parseCsv(csv)).toEqual([
      ['at', 'actor', 'action', 'detail'],
      ['2026-11-23T09:00:00.000Z', 'ULEAD0001', 'dashboard', 'App Home, "cached"'],
      ['2026-11-23T09:05:00.000Z', 'ULEAD0001', 'spend', `'=HYPERLINK("x")`],
    ]);
  });
});
