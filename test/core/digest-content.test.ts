import { buildDigest, type DigestInput, renderDigestText, sixDayRunNote, whyLines } from '../../src/core/digest';
import { digestFromJson, digestToJson } from '../../src/core/digest/digest-json';
import { lastCompleteWeek } from '../../src/core/digest/week';
import type { SnapshotRow } from '../../src/core/heroku-run-rate';
import { Decimal, formatUsd, usd } from '../../src/core/money';
import { dashboardFigures } from '../../src/slack/home/dashboard-figures';
import { leadHomeView } from '../../src/slack/home/lead-view';
import { digestBlocks, digestFallback } from '../../src/slack/listeners/commands/digest-blocks';
import { capture } from '../support/capture';

/**
 * A fixed four weeks (26 Oct – 22 Nov 2026) on both platforms, worked out by hand in the comments;
 * the digest must agree to the cent.
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';

function day(offset: number): string {
  return new Date(Date.UTC(2026, 9, 26 + offset)).toISOString().slice(0, 10);
}

/** EC2 $10/day, $12.50/day in the digest week; RDS $3.333333/day; days from 20 Nov estimated. */
function awsDays() {
  return Array.from({ length: 28 }, (_, i) => {
    const d = day(i);
    const ec2 = d >= '2026-11-16' ? '12.5' : '10';
    return {
      day: d,
      estimated: d >= '2026-11-20',
      groups: [
        { key: EC2, amount: ec2 },
        { key: RDS, amount: '3.333333' },
      ],
    };
  });
}

/** `api`: 2 × standard-2x ($50) + Postgres standard-0 ($50) every day from 1 Oct, except 10 Nov; `worker`: 1 × standard-1x ($25) in the digest week. */
function snapshots(): SnapshotRow[] {
  const rows: SnapshotRow[] = [];
  for (
    let d = new Date(Date.UTC(2026, 9, 1));
    d < new Date(Date.UTC(2026, 10, 23));
    d = new Date(d.getTime() + 86_400_000)
  ) {
    const iso = d.toISOString().slice(0, 10);
    if (iso !== '2026-11-10') {
      rows.push({
        day: iso,
        app: 'api',
        data: {
          v: 1,
          team: 'acme',
          items: [
            {
              kind: 'dyno',
              key: 'dyno:web:standard-2x',
              item: 'web: standard-2x',
              quantity: 2,
              unitMonthlyCents: 5000,
              contract: false,
            },
            {
              kind: 'addon',
              key: 'addon:a1:standard-0',
              item: 'heroku-postgresql:standard-0',
              quantity: 1,
              unitMonthlyCents: 5000,
              contract: false,
            },
          ],
        },
      });
    }
    if (iso >= '2026-11-16') {
      rows.push({
        day: iso,
        app: 'worker',
        data: {
          v: 1,
          team: 'acme',
          items: [
            {
              kind: 'dyno',
              key: 'dyno:worker:standard-1x',
              item: 'worker: standard-1x',
              quantity: 1,
              unitMonthlyCents: 2500,
              contract: false,
            },
          ],
        },
      });
    }
  }
  return rows;
}

function input(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    week: lastCompleteWeek(NOW, 'UTC'),
    today: '2026-11-23',
    generatedAt: NOW,
    aws: {
      daily: {
        metric: 'UnblendedCost',
        start: '2026-10-26',
        end: '2026-11-23',
        days: awsDays(),
        labels: {},
        total: '0',
        creditsTotal: '-5.00',
        estimated: true,
      },
      freshness: { asOf: NOW, fromCache: false },
      forecast: { available: true, total: '290.00' },
      onHeroku: { monthly: usd(300), notes: [], priceDates: { oldest: '2024-10-01', newest: '2026-10-02' } },
    },
    heroku: {
      snapshots: snapshots(),
      runRateMonthlyCents: 17_500,
      onAws: { monthly: usd(146), notes: [], priceDates: { oldest: '2024-02-01', newest: '2026-07-20' } },
    },
    inventory: {},
    costExplorer: { requestsThisRun: 4, month: '2026-11', requestsThisMonth: 19 },
    ...overrides,
  };
}

type HerokuInput = Exclude<DigestInput['heroku'], { status: string }>;

/** The fixed data set with some of Heroku's input replaced. */
const withHeroku = (over: Partial<HerokuInput>) =>
  buildDigest(input({ heroku: { ...(input().heroku as HerokuInput), ...over } }));

const money = (value: { toString(): string } | undefined) =>
  value === undefined ? undefined : formatUsd(usd(value.toString()));

describe('digest content for a fixed data set', () => {
  const digest = buildDigest(input());

  test('covers the last complete week and the three before it', () => {
    expect(digest.week).toMatchObject({
      id: '2026-W47',
      start: '2026-11-16',
      end: '2026-11-23',
      label: 'Mon 16 – Sun 22 Nov 2026',
    });
    expect(digest.weeks.map((w) => w.id)).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    expect(digest.days).toHaveLength(28);
    expect(digest.days[0]).toBe('2026-10-26');
  });

  test('AWS: weekly actuals, change, movers, month to date and forecast, exact to the cent', () => {
    const aws = digest.aws;
    if (aws.status !== 'ok') throw new Error(aws.reason);
    // 3 weeks of 7 × ($10 + $3.333333) = $93.333331; the digest week 7 × ($12.50 + $3.333333) = $110.833331.
    expect(aws.weeks.map((w) => money(w.total))).toEqual(['$93.33', '$93.33', '$93.33', '$110.83']);
    expect(money(aws.change)).toBe('$17.50');
    expect(aws.changePercent).toBe(18.8);
    expect(aws.movers.map((m) => [m.name, money(m.change)])).toEqual([[EC2, '$17.50']]);
    expect(aws.top.map((t) => [t.name, money(t.cost)])).toEqual([
      [EC2, '$87.50'],
      [RDS, '$23.33'],
    ]);
    // 1–22 Nov: EC2 15 × $10 + 7 × $12.50 = $237.50; RDS 22 × $3.333333 = $73.333326.
    expect(money(aws.monthToDate)).toBe('$310.83');
    expect(money(aws.forecastMonth)).toBe('$600.83');
    expect(aws.estimated).toBe(true);
    expect(aws.daily.slice(-8)).toEqual([1333, 1583, 1583, 1583, 1583, 1583, 1583, 1583]);
    // $300/month on Heroku is 7/30 of it a week = $70.00, against $110.833331 actual.
    expect(money(aws.translation?.modelledWeekly)).toBe('$70.00');
    expect(money(aws.translation?.differenceWeekly)).toBe('-$40.83');
    expect(money(aws.translation?.differenceYearly)).toBe('-$2,123.16');
  });

  test('Heroku: snapshot-integrated weeks with the monthly cap and a missing day', () => {
    const heroku = digest.heroku;
    if (heroku.status !== 'ok') throw new Error(heroku.reason);
    // W44: 26–30 Oct $5/day, 31 Oct free (each unit reached its monthly cap), 1 Nov $5 → $30.
    // W46 misses 10 Nov → 6 × $5; W47: $35 + worker 7 × $25/30.
    expect(heroku.weeks.map((w) => [money(w.total), w.daysMissing])).toEqual([
      ['$30.00', 0],
      ['$35.00', 0],
      ['$30.00', 1],
      ['$40.83', 0],
    ]);
    // The week before misses 10 Nov: a missing day is no figure, not $0, so the weeks are not compared
    // (against $30.00 it would read +$10.83, +36.1%, and api, unchanged all along, a +$5.00 mover).
    expect(heroku.notCompared).toBe('1 day of the week before has no snapshot');
    expect(heroku.changePercent).toBeUndefined();
    expect(heroku.movers).toEqual([]);
    expect(heroku.daily.slice(0, 7)).toEqual([500, 500, 500, 500, 500, 0, 500]);
    expect(heroku.daily[15]).toBeNull();
    expect(heroku.daily[27]).toBe(583);
    // 1–22 Nov without 10 Nov: 21 × $5 + $5.833333; then $175/month × 8 days left / 30.
    expect(money(heroku.monthToDate)).toBe('$110.83');
    expect(money(heroku.forecastMonth)).toBe('$157.50');
    // $146/month on AWS is 168/730 of it a week = $33.60, against $40.833333.
    expect(money(heroku.translation?.modelledWeekly)).toBe('$33.60');
    expect(money(heroku.translation?.differenceWeekly)).toBe('-$7.23');
    expect(money(heroku.translation?.differenceYearly)).toBe('-$375.96');
  });

  test('verdict, posture and what the figures are', () => {
    expect(digest.verdict).toBe(
      'Verdict: Moving the AWS workload to Heroku would save about $40.83/week ($2,123.16/year); moving the Heroku apps to AWS would save about $7.23/week ($375.96/year).',
    );
    expect(digest.posture.map((p) => p.framework)).toEqual(['HIPAA Security Rule', 'PCI DSS']);
    expect(digest.posture[0]!.summary).toBe('Heroku: not connected · AWS: not connected');
    expect(digest.about.join('\n')).toContain(
      'Cost Explorer requests for this digest: 4 ($0.04 at $0.01 each); 19 this month (2026-11)',
    );
    // The dates of the sources both modelled figures used, oldest to newest: not the catalog's newest date alone (#13 item 7).
    expect(digest.about.join('\n')).toContain(
      'Modelled costs: list prices from sources dated 2024-02-01 to 2026-10-02, infrastructure only',
    );
    expect(digest.priceDates).toEqual({ oldest: '2024-02-01', newest: '2026-10-02' });
    expect(digest.about.join('\n')).toContain('in UTC');
  });

  test('the text version carries every headline figure with its period and kind', () => {
    const text = renderDigestText(digest);
    expect(text).toContain('$110.83 last week (estimated): +$17.50 (+18.8%) vs the week before');
    expect(text).toContain('4-week trend: $30.00 → $35.00 → $30.00 (1 day missing) → $40.83');
    expect(text).toContain(
      'Month to date (2026-11, 2026-11-01 to 2026-11-22): $310.83; forecast for the month $600.83',
    );
    expect(text).toContain('Same workload on Heroku (modelled): $70.00/week — -$40.83/week, -$2,123.16/year vs actual');
    expect(text).toContain(
      'UnblendedCost by service, estimated (Cost Explorer may still revise 3 days: 2026-11-20 … 2026-11-22)',
    );
    expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });

  test('the modelled difference is the shown modelled week less the shown actual week, and a year is 52 of it', () => {
    // 2 × standard-2x ($100/month) is $23.333333 a week; $181.71/month on AWS is $41.818150 a week.
    // Worked out unrounded the difference is $18.48, but a lead reading $41.82 and $23.33 makes it $18.49.
    const small = withHeroku({
      snapshots: snapshots()
        .filter((row) => row.app === 'api')
        .map((row) => {
          const data = row.data as { v: number; team: string; items: unknown[] };
          return { ...row, data: { ...data, items: data.items.slice(0, 1) } };
        }),
      onAws: { monthly: usd('181.71'), notes: [], priceDates: { oldest: '2024-02-01', newest: '2026-07-20' } },
    });
    const cents = (shown: string) => Math.round(Number(shown.replace(/[$,]/g, '')) * 100);
    const text = renderDigestText(small);
    const heroku = /^(\$[\d,.]+) last week \(estimated\)/m.exec(text.split('Heroku (daily snapshots)')[1] ?? '')?.[1];
    expect(heroku).toBe('$23.33');
    for (const [, modelled, weekly, yearly] of text.matchAll(
      /Same workload on \w+ \(modelled\): (\$[\d,.]+)\/week — ([-+]\$[\d,.]+)\/week, ([-+]\$[\d,.]+)\/year vs actual/g,
    )) {
      expect(cents(yearly!)).toBe(cents(weekly!) * 52);
      if (modelled === '$41.82') expect(cents(weekly!)).toBe(cents(modelled) - cents(heroku!));
    }
    expect(text).toContain('Same workload on AWS (modelled): $41.82/week — +$18.49/week, +$961.48/year vs actual');
    expect(small.verdict).toContain('AWS would add $18.49/week');
  });

  test('the Slack digest and App Home show the consolidated week its difference is worked out from', () => {
    // Three tiers on AWS: the verdict's difference is the consolidated tier's, inside the range.
    const tiers = withHeroku({
      onAws: {
        monthly: usd('146'),
        range: { low: usd('120'), high: usd('200') },
        notes: [],
        priceDates: { oldest: '2024-02-01', newest: '2026-07-20' },
      },
    });
    // $146/month is $33.60 a week; against $40.83 actual, -$7.23.
    expect(JSON.stringify(digestBlocks(tiers))).toContain(
      '$27.62–$46.03/week across three tiers (consolidated tier $33.60/week, -$7.23/week vs actual)',
    );
    const home = leadHomeView({
      figures: dashboardFigures(tiers),
      cached: false,
      refreshing: false,
      nextDigest: { schedule: 'Mondays at 09:00 UTC' },
      costExplorer: { month: '2026-11', requests: 0, cost: '$0.00' },
      leads: '<@ULEAD0001>',
    });
    expect(JSON.stringify(home)).toContain(
      '*On AWS (modelled)*\\n$27.62–$46.03/week across three tiers (consolidated $33.60, -$7.23)',
    );
    // The text version (`digest --dry-run`, the message's fallback) says the same.
    expect(renderDigestText(tiers)).toContain(
      'Same workload on AWS (modelled): $27.62–$46.03/week across three tiers; consolidated tier $33.60/week — -$7.23/week',
    );
  });
});

describe('a week over in Berlin whose Sunday is not over in UTC', () => {
  // Monday 23 Nov, 00:12 in Berlin: week W47 has ended there, but Sunday 22 Nov, the UTC day Cost
  // Explorer and the snapshots count, runs until 01:00 Berlin, and no source has a figure for it yet.
  const late = new Date('2026-11-22T23:12:00Z');
  const base = input();
  const aws = base.aws as Exclude<DigestInput['aws'], { status: string }>;
  const digest = buildDigest(
    input({
      week: lastCompleteWeek(late, 'Europe/Berlin'),
      today: '2026-11-22',
      generatedAt: late,
      aws: {
        ...aws,
        daily: { ...aws.daily, end: '2026-11-22', days: awsDays().filter((d) => d.day < '2026-11-22') },
      },
      heroku: {
        ...(base.heroku as Exclude<DigestInput['heroku'], { status: string }>),
        snapshots: snapshots().filter((row) => row.day < '2026-11-22'),
      },
    }),
  );

  test('says which day is missing and until when', () => {
    expect(digest.week.label).toBe('Mon 16 – Sun 22 Nov 2026');
    expect(digest.unfinishedDay).toEqual({
      day: '2026-11-22',
      overAt: new Date('2026-11-23T00:00:00Z'),
      timezone: 'Europe/Berlin',
    });
  });

  test('AWS: every week counts Monday to Saturday, so the change and the movers are like for like', () => {
    if (digest.aws.status !== 'ok') throw new Error(digest.aws.reason);
    // 6 × ($10 + $3.333333) = $79.999998 in each of the three weeks before; 6 × ($12.50 + $3.333333) = $94.999998.
    expect(digest.aws.weeks.map((w) => [money(w.total), w.daysMissing])).toEqual([
      ['$80.00', 0],
      ['$80.00', 0],
      ['$80.00', 0],
      ['$95.00', 0],
    ]);
    expect(money(digest.aws.change)).toBe('$15.00');
    expect(digest.aws.changePercent).toBe(18.8);
    expect(digest.aws.movers.map((m) => [m.name, money(m.previous), money(m.current)])).toEqual([
      [EC2, '$60.00', '$75.00'],
    ]);
    expect(digest.aws.top.map((t) => [t.name, money(t.cost)])).toEqual([
      [EC2, '$75.00'],
      [RDS, '$20.00'],
    ]);
    // $70.00 a week on Heroku against $94.999998 over six days, a week at that daily rate $110.833331.
    expect(money(digest.aws.translation?.differenceWeekly)).toBe('-$40.83');
  });

  test('Heroku counts the same six days', () => {
    if (digest.heroku.status !== 'ok') throw new Error(digest.heroku.reason);
    // W44: 26–30 Oct $5/day, 31 Oct free (monthly cap); W46 misses 10 Nov; W47: api $30 + worker 6 × $25/30.
    expect(digest.heroku.weeks.map((w) => [money(w.total), w.daysMissing])).toEqual([
      ['$25.00', 0],
      ['$30.00', 0],
      ['$25.00', 1],
      ['$35.00', 0],
    ]);
    expect(digest.heroku.notCompared).toBe('1 day of the week before has no snapshot');
    // $33.60 a week on AWS against $35.00 over six days, $40.833333 a week at that rate.
    expect(money(digest.heroku.translation?.differenceWeekly)).toBe('-$7.23');
  });

  test('the text says the weeks are Monday to Saturday, why, and until when', () => {
    const text = renderDigestText(digest);
    expect(text).toContain(
      'Sun 22 Nov is not over in UTC, the day Cost Explorer and the Heroku snapshots count, until 01:00 Europe/Berlin: every week here counts Monday to Saturday',
    );
    expect(text).toContain('$95.00 last week, Mon–Sat (estimated): +$15.00 (+18.8%) vs the week before, Mon–Sat');
    expect(text).toContain('4-week trend, Mon–Sat: $25.00 → $30.00 → $25.00 (1 day missing) → $35.00');
    expect(text).toContain('-$40.83/week, -$2,123.16/year vs actual (at Mon–Sat’s daily rate)');
  });

  test('the Slack message says it too: the note under the verdict, every weekly figure Monday to Saturday', () => {
    capture('digest-unfinished-sunday', { text: 'digest', blocks: digestBlocks(digest) });
    const blocks = JSON.stringify(digestBlocks(digest));
    expect(blocks).toContain(':hourglass_flowing_sand: Sun 22 Nov is not over in UTC');
    expect(blocks).toContain(
      '*AWS* last week, Mon–Sat: *$95.00* estimated, +$15.00 (+18.8%) on the week before, Mon–Sat',
    );
    expect(blocks).toContain('/week vs actual at Mon–Sat’s daily rate)');
    expect(digestFallback(digest)).toContain('AWS: $95.00 last week, Mon–Sat (+$15.00, +18.8%)');
  });

  test('the settings say which scheduled times count Monday to Saturday, and from when a Monday counts whole weeks', () => {
    // Mondays 09:00 in Sydney (UTC+11 in November) is Sunday 22:00 UTC: every digest, all year.
    expect(sixDayRunNote(new Date('2026-11-22T22:00:00Z'), 'Australia/Sydney')).toBe(
      "At that time the week's Sunday is not over in UTC, the day Cost Explorer and the Heroku snapshots count, so each digest counts Monday to Saturday; scheduled on Monday at 11:00 Australia/Sydney or later, it counts whole weeks.",
    );
    // In July Sydney is UTC+10.
    expect(sixDayRunNote(new Date('2026-07-19T23:00:00Z'), 'Australia/Sydney')).toContain(
      'Monday at 10:00 Australia/Sydney',
    );
    expect(sixDayRunNote(late, 'Europe/Berlin')).toContain('Monday at 01:00 Europe/Berlin');
    // Berlin at 09:00, New York at any hour, UTC at midnight: whole weeks.
    expect(sixDayRunNote(new Date('2026-11-23T08:00:00Z'), 'Europe/Berlin')).toBeUndefined();
    expect(sixDayRunNote(new Date('2026-11-23T05:00:00Z'), 'America/New_York')).toBeUndefined();
    expect(sixDayRunNote(new Date('2026-11-23T00:00:00Z'), 'UTC')).toBeUndefined();
  });

  test('once Sunday is over in UTC, the weeks are whole again', () => {
    expect(buildDigest(input()).unfinishedDay).toBeUndefined();
  });
});

describe('digest with a platform missing', () => {
  test('one platform failing leaves the other intact and says why', () => {
    const digest = buildDigest(
      input({
        aws: {
          platform: 'aws',
          status: 'failed',
          reason: 'Cost Explorer said AccessDeniedException: add ce:GetCostAndUsage',
        },
      }),
    );
    expect(digest.aws.status).toBe('failed');
    expect(renderDigestText(digest)).toContain('No AWS figures this week: Cost Explorer said AccessDeniedException');
    expect(digest.heroku.status).toBe('ok');
    expect(digest.verdict).toContain('Verdict: Moving the Heroku apps to AWS would save about $7.23/week');
  });

  test('no model on either side gives a verdict that says so', () => {
    const base = input();
    const digest = buildDigest({
      ...base,
      heroku: { platform: 'heroku', status: 'off', reason: 'Heroku spend is off' },
      aws: { ...(base.aws as Exclude<DigestInput['aws'], { status: string }>), onHeroku: { error: 'no usage' } },
    });
    expect(digest.verdict).toMatch(/^Verdict: no comparison this week/);
    // The verdict leads the digest and Home: the reasons follow it.
    expect(digest.verdict).toContain('section says why');
    if (digest.aws.status !== 'ok') throw new Error('aws');
    expect(digest.aws.basis.join(' ')).toContain('Not modelled on Heroku: no usage');
  });

  test('a week in another time zone is that zone’s Monday to Sunday', () => {
    // 23:30 UTC on Sunday 22 Nov is already Monday 23 Nov in Berlin: W47 is complete there, not in UTC.
    const late = new Date('2026-11-22T23:30:00Z');
    expect(lastCompleteWeek(late, 'Europe/Berlin').id).toBe('2026-W47');
    expect(lastCompleteWeek(late, 'UTC').id).toBe('2026-W46');
    expect(lastCompleteWeek(late, 'America/Los_Angeles').id).toBe('2026-W46');
  });
});

describe('on the 1st of a month', () => {
  // Tuesday 1 Dec: last week is 23–29 Nov; no whole day of December is over, on either platform.
  const first = new Date('2026-12-01T09:00:00Z');
  const digest = buildDigest(input({ week: lastCompleteWeek(first, 'UTC'), today: '2026-12-01', generatedAt: first }));

  test('the month to date counts no day yet, and says so rather than naming 1 Dec at $0.00', () => {
    if (digest.aws.status !== 'ok' || digest.heroku.status !== 'ok') throw new Error('both platforms have figures');
    expect(money(digest.aws.monthToDate)).toBe('$0.00');
    const fields = digestBlocks(digest).flatMap((block) =>
      'fields' in block ? (block.fields ?? []).map((field) => field.text) : [],
    );
    // Before: "*December to date* (1 Dec)\n$0.00", as if 1 Dec had cost nothing.
    expect(fields.filter((text) => text.startsWith('*December to date*'))).toEqual([
      '*December to date* (no whole day yet)\n$0.00',
      '*December to date* (no whole day yet)\n$0.00',
    ]);
    const home = dashboardFigures(digest).platforms.map((p) => (p.status === 'ok' ? p.monthRange : p.reason));
    expect(home).toEqual(['no whole day yet', 'no whole day yet']);
    expect(renderDigestText(digest)).toContain('Month to date (2026-12, no whole day yet): $0.00;');
  });
});

describe('Heroku forecast and the first weeks', () => {
  test('the forecast never passes what a month of today’s apps can cost (31-day October, monthly caps)', () => {
    // api: $150/month = $5/day. To 26 Oct: 25 days = $125.00; 6 days left × $5 = $155.00, more than
    // the $150.00 a month of api costs at most: the forecast is $150.00, marked as capped.
    const october = new Date('2026-10-26T09:00:00Z');
    const digest = buildDigest(
      input({
        week: lastCompleteWeek(october, 'UTC'),
        today: '2026-10-26',
        generatedAt: october,
        heroku: {
          snapshots: snapshots().filter((row) => row.app === 'api' && row.day < '2026-10-26'),
          runRateMonthlyCents: 15_000,
          onAws: { monthly: usd(146), notes: [] },
        },
      }),
    );
    if (digest.heroku.status !== 'ok') throw new Error('heroku');
    expect(formatUsd(digest.heroku.monthToDate)).toBe('$125.00');
    expect(formatUsd(digest.heroku.forecastMonth!)).toBe('$150.00');
    expect(digest.heroku.forecastNote).toBe(
      "month to date + the dynos and add-ons of 2026-10-25 (the latest snapshot) to the month's end, each at most its monthly price",
    );
  });

  test('an app stopped mid-month costs nothing more, one started keeps running: not capped at the month to date', () => {
    // old-app ($300/month, $10 a day) ran 1–15 Dec and was deleted; new-app ($100/month) runs from 16 Dec.
    // Monday 21 Dec: 1–20 Dec is 15 × $10 + 5 × $3.333333 = $166.67; new-app's 11 days left add $36.67.
    const dyno = (cents: number) => ({
      v: 1,
      team: 'acme',
      items: [
        { kind: 'dyno', key: 'dyno:web:x', item: 'web: x', quantity: 1, unitMonthlyCents: cents, contract: false },
      ],
    });
    const rows: SnapshotRow[] = [];
    for (let d = 1; d <= 20; d++) {
      const day = `2026-12-${String(d).padStart(2, '0')}`;
      rows.push(d <= 15 ? { day, app: 'old-app', data: dyno(30_000) } : { day, app: 'new-app', data: dyno(10_000) });
    }
    const monday = new Date('2026-12-21T09:00:00Z');
    const digest = buildDigest(
      input({
        week: lastCompleteWeek(monday, 'UTC'),
        today: '2026-12-21',
        generatedAt: monday,
        heroku: { snapshots: rows, runRateMonthlyCents: 10_000, onAws: { monthly: usd(146), notes: [] } },
      }),
    );
    if (digest.heroku.status !== 'ok') throw new Error('heroku');
    expect(formatUsd(digest.heroku.monthToDate)).toBe('$166.67');
    // Before: $166.67, "a full month of today's apps: the most a month can cost", where today's apps cost $100.00 a month.
    expect(formatUsd(digest.heroku.forecastMonth!)).toBe('$203.33');
    expect(digest.heroku.forecastCapped).toBeUndefined();
  });

  test('the first Monday after install: last week from today’s run-rate, labelled, not an empty section', () => {
    // Snapshots only since Thursday 19 Nov. $175/month × 7/30 = $40.83 a week; 22 days = $128.33.
    const digest = buildDigest(
      input({
        heroku: {
          snapshots: snapshots().filter((row) => row.day >= '2026-11-19'),
          runRateMonthlyCents: 17_500,
          onAws: { monthly: usd(146), notes: [] },
        },
      }),
    );
    if (digest.heroku.status !== 'ok') throw new Error('heroku');
    expect(digest.heroku.runRate).toBe(true);
    expect(formatUsd(digest.heroku.lastWeek)).toBe('$40.83');
    expect(formatUsd(digest.heroku.monthToDate)).toBe('$128.33');
    expect(formatUsd(digest.heroku.forecastMonth!)).toBe('$175.00');
    expect(digest.heroku.basis[0]).toContain('run-rate');
    expect(digest.verdict).toContain('moving the Heroku apps to AWS');
  });

  test('the first Monday after install: "why it changed" does not claim no changes, which no snapshot could show', () => {
    const digest = buildDigest(
      input({
        heroku: {
          snapshots: snapshots().filter((row) => row.day >= '2026-11-19'),
          runRateMonthlyCents: 17_500,
          onAws: { monthly: usd(146), notes: [] },
        },
        why: { heroku: [] },
      }),
    );
    expect(whyLines(digest)).toEqual([
      'Heroku: the daily snapshots do not cover these two weeks yet, so what changed cannot be told',
    ]);
  });

  test('a week with days of snapshots missing: no change on the days they cover, not in the two weeks', () => {
    const digest = buildDigest(
      input({
        heroku: {
          snapshots: snapshots().filter((row) => row.day !== '2026-11-18'),
          runRateMonthlyCents: 17_500,
          onAws: { monthly: usd(146), notes: [] },
        },
        why: { heroku: [] },
      }),
    );
    expect(whyLines(digest)).toEqual([
      'Heroku: no formation, add-on or app changes on the days the snapshots cover (1 day of last week has no snapshot and 1 day of the week before has no snapshot)',
    ]);
  });

  test('no snapshots and no run-rate: says why, never $0.00', () => {
    const digest = buildDigest(input({ heroku: { snapshots: [], onAws: { monthly: usd(146), notes: [] } } }));
    expect(digest.heroku.status).toBe('failed');
    if (digest.heroku.status === 'ok') throw new Error('heroku');
    expect(digest.heroku.reason).toContain('no daily formation snapshots');
  });
});

describe('a week the daily snapshots missed days of', () => {
  // The snapshot job failed on Wed 18 and Thu 19 Nov: api ran as always ($5.00 a day), and the worker
  // from 16 Nov ($25/month) too. Last week has figures for five days.
  const digest = buildDigest(
    input({
      heroku: {
        snapshots: snapshots().filter((row) => row.day !== '2026-11-18' && row.day !== '2026-11-19'),
        runRateMonthlyCents: 17_500,
        onAws: { monthly: usd(146), notes: [], priceDates: { oldest: '2024-02-01', newest: '2026-07-20' } },
      },
    }),
  );

  test('the missing days are not read as a drop: no change, no movers, and the verdict uses the days there are', () => {
    if (digest.heroku.status !== 'ok') throw new Error(digest.heroku.reason);
    // 5 × ($5.00 + $25/30) = $29.17 for the five days with a snapshot.
    expect(money(digest.heroku.lastWeek)).toBe('$29.17');
    expect(digest.heroku.notCompared).toBe(
      '2 days of last week have no snapshot and 1 day of the week before has no snapshot',
    );
    expect(digest.heroku.movers).toEqual([]);
    // $33.60 a week on AWS against $29.166665 over five days, $40.833331 a week at that rate: moving saves
    // $7.23, as with every day there. Against $29.17 as if it were a week, AWS would "add $4.43".
    expect(money(digest.heroku.translation?.differenceWeekly)).toBe('-$7.23');
    expect(digest.verdict).toContain('moving the Heroku apps to AWS would save about $7.23/week');
  });

  test('the Slack message, its fallback, the text and App Home say the weeks are not compared, and why', () => {
    const blocks = JSON.stringify(digestBlocks(digest));
    expect(blocks).toContain(
      '*Heroku* last week: *$29.17* estimated, not compared with the week before (2 days of last week have no snapshot and 1 day of the week before has no snapshot)',
    );
    expect(blocks).not.toContain('-$11.67');
    // $33.60 modelled against $29.17 for 5 days: the -$7.23 is against those days' daily rate, and says so.
    expect(blocks).toContain('$33.60/week (-$7.23/week vs actual at the daily rate of the 5 days with figures)');
    expect(renderDigestText(digest)).toContain('vs actual (at the daily rate of the 5 days with figures)');
    expect(digestFallback(digest)).toContain('Heroku: $29.17 last week, not compared with the week before (2 days');
    expect(renderDigestText(digest)).toContain(
      '$29.17 last week (estimated): not compared with the week before (2 days',
    );
    const home = dashboardFigures(digest);
    const heroku = home.platforms[1] as { change: string };
    expect((home.platforms[1] as { translation?: { against?: string } }).translation?.against).toBe(
      'the daily rate of the 5 days with figures',
    );
    // Under Home's "Change on the week before" label.
    expect(heroku.change).toBe(
      'not compared (2 days of last week have no snapshot and 1 day of the week before has no snapshot)',
    );
    expect(home.combined?.change).toMatch(/^not compared \(Heroku: 2 days of last week/);
  });
});

test('a digest as JSON and back is the same digest: money to the last digit, dates, and strings left alone', () => {
  // The bot gathers the digest in a process of its own and reads it back from this JSON.
  const built = buildDigest(input());
  if (built.heroku.status !== 'ok') throw new Error('the fixed data set has Heroku figures');
  const digest = {
    ...built,
    verdict: '12.50',
    heroku: { ...built.heroku, lastWeek: usd('-0.000000123456789012345678') },
  };
  const back = digestFromJson(digestToJson(digest));
  expect(back).toEqual(digest);
  if (back.heroku.status !== 'ok') throw new Error('unreachable');
  expect(back.heroku.lastWeek).toBeInstanceOf(Decimal);
  expect(back.heroku.lastWeek.toString()).toBe('-1.23456789012345678e-7');
  expect(back.heroku.monthToDate).toBeInstanceOf(Decimal);
  expect(back.generatedAt).toBeInstanceOf(Date);
  expect(back.generatedAt.getTime()).toBe(digest.generatedAt.getTime());
  expect(back.verdict).toBe('12.50');
});

describe('Heroku figures that leave contract-priced items out', () => {
  // api also has a Shield Postgres whose price is in the contract: never $0, never counted.
  const withSpaceFee = (): SnapshotRow[] =>
    snapshots().map((row) => {
      if (row.app !== 'api') return row;
      const data = row.data as { items: unknown[] };
      const fee = {
        kind: 'addon',
        key: 'addon:a2:shield-0',
        item: 'heroku-postgresql:shield-0',
        quantity: 1,
        unitMonthlyCents: null,
        contract: true,
      };
      return { ...row, data: { ...data, items: [...data.items, fee] } };
    });
  const heroku = (monthlyOnAws: number, rows = withSpaceFee()) =>
    buildDigest(
      input({
        aws: input().aws,
        heroku: { snapshots: rows, runRateMonthlyCents: 17_500, onAws: { monthly: usd(monthlyOnAws), notes: [] } },
      }),
    );

  test('AWS modelled below what is counted: the saving is at least that, and says why', () => {
    // $33.60 a week on AWS against $40.83 counted: Heroku costs that and the fee, so moving saves $7.23 or more.
    expect(heroku(146).verdict).toContain(
      'moving the Heroku apps to AWS would save at least $7.23/week ($375.96/year), as Heroku’s figures leave out 1 contract-priced or unpriced item',
    );
  });

  test('AWS modelled above what is counted: no verdict, since the item left out may cost more than the difference', () => {
    // $230.14 a week on AWS against $40.83 counted plus a fee nobody has priced.
    const { verdict } = heroku(1_000);
    expect(verdict).toContain(
      'no verdict on the Heroku apps: Heroku’s figures leave out 1 contract-priced or unpriced item, which may cost more than the $189.31/week AWS would add',
    );
    expect(verdict).not.toContain('cost least where they are');
    // The digest in Slack says it beside the Heroku figures too, as the terminal's does.
    expect(JSON.stringify(digestBlocks(heroku(1_000)))).toContain(
      'invoices are final. 1 contract-priced or unpriced item is not counted (never as $0).',
    );
  });

  test('the first weeks, from today’s run-rate: the items it leaves out are said too, and weigh on the verdict', () => {
    const digest = buildDigest(
      input({
        heroku: {
          snapshots: [],
          runRateMonthlyCents: 17_500,
          runRateLeftOut: 2,
          onAws: { monthly: usd(1_000), notes: [] },
        },
      }),
    );
    if (digest.heroku.status !== 'ok') throw new Error('heroku');
    expect(digest.heroku.basis).toContain('2 contract-priced or unpriced items not counted (never as $0)');
    expect(digest.verdict).toContain('no verdict on the Heroku apps');
  });

  test('a Private or Shield Space’s fee, in no snapshot, is among the items left out', () => {
    const digest = buildDigest(
      input({ heroku: { snapshots: snapshots(), spaceFees: 1, onAws: { monthly: usd(1_000), notes: [] } } }),
    );
    expect(digest.verdict).toContain('no verdict on the Heroku apps: Heroku’s figures leave out 1 contract-priced');
  });

  test('with every item priced, the verdict is as before', () => {
    expect(heroku(1_000, snapshots()).verdict).toContain('the Heroku apps cost least where they are, on Heroku');
  });
});
