/**
 * The Home views as pure values: the lead dashboard drawn from a Digest built here by hand (every
 * figure known in advance), the guide for everyone else, the sparkline and the audit CSV.
 */
import type { ActionsBlock, HomeView } from '@slack/types';
import { parseCsv } from '../../src/core/compliance/csv';
import type { Digest, DigestWeek, PlatformDigest } from '../../src/core/digest/types';
import { usd } from '../../src/core/money';
import { auditCsv } from '../../src/slack/home/audit-csv';
import { dashboardFigures, isDashboardFigures } from '../../src/slack/home/dashboard-figures';
import { HOME_ACTIONS, MAX_HOME_BLOCKS, MAX_TEXT } from '../../src/slack/home/home-blocks';
import { type LeadHomeInput, leadHomeView } from '../../src/slack/home/lead-view';
import { memberHomeView } from '../../src/slack/home/member-view';
import { SPARK_GAP, sparkline } from '../../src/slack/home/sparkline';

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
    priceListDate: '2026-10-02',
    posture: [{ framework: 'HIPAA', summary: 'AWS: 7 met, 2 gaps, 3 to verify', gaps: 2 }],
    about: ['Cost Explorer requests for this digest: 3 ($0.03)', 'Prices: list prices of 2026-10-01'],
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
  test('scales lowest to ▁ and highest to █, equal values mid-height, gaps as dots', () => {
    expect(sparkline([0, 6, 14])).toBe('▁▄█');
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([1, null, 3])).toBe(`▁${SPARK_GAP}█`);
    expect(sparkline([null, null])).toBe(`${SPARK_GAP}${SPARK_GAP}`);
    expect(sparkline([])).toBe('');
  });
});

describe('lead dashboard from a Digest', () => {
  const view = leadHomeView(baseInput());
  const text = shown(view);

  test('month to date and forecast per platform, rounded once to cents', () => {
    expect(text).toContain('*AWS* · November 2026, month to date (1–22 Nov): *$1,234.57*');
    expect(text).toContain('forecast for the month *$2,100.00*');
    expect(text).toContain('AWS forecast (80% interval: $1,900.00 to $2,300.00)');
  });

  test('the last 4 weeks as sparklines (28 days and 4 weeks), with the week totals', () => {
    const days = sparkline(aws().daily);
    expect(days).toHaveLength(28);
    expect(days.endsWith(SPARK_GAP)).toBe(true);
    expect(text).toContain(`per day: \`${days}\``);
    expect(text).toContain('per week: `▁▃▆█`');
    expect(text).toContain('Mon 9 – Sun 15 Nov 2026: $600.00 (1 days missing)');
    expect(text).toContain('Last week $700.25, +$100.25 (+16.7%) against the week before');
  });

  test('top items, movers and the modelled other-platform cost with the difference', () => {
    expect(text).toContain('Top last week: Amazon EC2 $400.00 · Amazon RDS $250.25');
    expect(text).toContain('Biggest changes: Amazon EC2 +$100.00');
    expect(text).toContain(
      'Modelled on Heroku (list prices, infrastructure only): $900.00/week, +$199.75/week (+$10,387.00/year) — moving would cost more',
    );
    expect(text).toContain('Lambda has no Heroku counterpart: not modelled');
  });

  test('a platform that failed says why, with no figure', () => {
    expect(text).toContain('*Heroku*: could not be read. Heroku said 401: check HEROKU_API_TOKEN.');
  });

  test('posture, next digest, Cost Explorer requests, freshness and the buttons', () => {
    expect(text).toContain('• *HIPAA*: AWS: 7 met, 2 gaps, 3 to verify');
    expect(text).toContain('*Next digest*: Mon 30 Nov 2026, 09:00 Europe/Berlin in <#CDIGEST01>');
    expect(text).toContain('Cost Explorer requests this month (2026-11): 14 = $0.14');
    expect(text).toContain('Figures as of Mon 23 Nov 2026, 09:00 Europe/Berlin, cached');
    const actions = view.blocks.flatMap((block) =>
      block.type === 'actions'
        ? (block as ActionsBlock).elements.map((e) => ('action_id' in e ? e.action_id : ''))
        : [],
    );
    expect(actions).toEqual(Object.values(HOME_ACTIONS));
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
    expect(words).toContain('No figures yet · fetching fresh figures');
    // The one amount left is what Cost Explorer requests cost.
    expect(words.replace(/Cost Explorer requests this month.*$/m, '')).not.toMatch(/\$\d/);
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
