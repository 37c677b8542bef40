import { usageTypeMovers } from '../../src/core/alerts/aws-movers';
import { describeDrivers } from '../../src/core/alerts/cost-drivers';
import { detect } from '../../src/core/alerts/detect';
import { dynoSizeName, herokuChanges } from '../../src/core/alerts/heroku-changes';
import { detectService, monthlyBookedUsageTypes } from '../../src/core/alerts/monthly-charges';
import type { HerokuSnapshotData } from '../../src/core/heroku-run-rate';

const days = (count: number, value: (i: number) => number, start = Date.UTC(2026, 9, 20)) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [new Date(start + i * 86_400_000).toISOString().slice(0, 10), value(i)]),
  );

describe('robust z-score detection', () => {
  test('a flat app that triples is an anomaly with the extra a day as its impact', () => {
    const series = { subject: 'heroku-app:api', days: { ...days(28, () => 333), '2026-11-17': 1000 } };
    expect(detect(series, '2026-11-17')).toMatchObject({
      cents: 1000,
      baselineCents: 333,
      impactCents: 667,
      historyDays: 28,
    });
  });

  test('noise inside the usual spread, a jump under the minimum impact, and short histories are not', () => {
    const noisy = { subject: 's', days: { ...days(28, (i) => 10_000 + (i % 5) * 800), '2026-11-17': 13_000 } };
    expect(detect(noisy, '2026-11-17')).toBeUndefined();
    const small = { subject: 's', days: { ...days(28, () => 100), '2026-11-17': 450 } };
    expect(detect(small, '2026-11-17')).toBeUndefined();
    expect(detect(small, '2026-11-17', 100)).toBeDefined();
    const young = { subject: 's', days: { ...days(5, () => 100), '2026-11-17': 100_000 } };
    expect(detect(young, '2026-11-17')).toBeUndefined();
  });

  test('only the 28 days before count: an old expensive month does not hide today', () => {
    const series = {
      subject: 's',
      days: { ...days(30, () => 50_000, Date.UTC(2026, 8, 1)), ...days(28, () => 1000), '2026-11-17': 5000 },
    };
    expect(detect(series, '2026-11-17')).toMatchObject({ baselineCents: 1000, impactCents: 4000 });
  });
});

describe('what changed on Heroku, priced', () => {
  const snap = (items: HerokuSnapshotData['items'], team: string | null = 'acme-eng'): HerokuSnapshotData => ({
    v: 1,
    team,
    items,
  });
  const dyno = (process: string, size: string, quantity: number, cents: number) => ({
    kind: 'dyno' as const,
    key: `dyno:${process}:${size}`,
    item: `${process}: ${size}`,
    quantity,
    unitMonthlyCents: cents,
    contract: false,
  });
  const addon = (id: string, service: string, plan: string, cents: number) => ({
    kind: 'addon' as const,
    key: `addon:${id}:${plan}`,
    item: `${service}:${plan}`,
    quantity: 1,
    unitMonthlyCents: cents,
    contract: false,
  });

  test('scaling, resizing, add-on plan changes and new and deleted apps, largest first', () => {
    const before = new Map([
      ['api', snap([dyno('web', 'standard-2x', 2, 5000), addon('a1', 'heroku-postgresql', 'standard-0', 5000)])],
      ['old', snap([dyno('web', 'basic', 1, 700)])],
    ]);
    const after = new Map([
      ['api', snap([dyno('web', 'standard-2x', 6, 5000), addon('a1', 'heroku-postgresql', 'standard-2', 20000)])],
      ['new', snap([dyno('worker', 'performance-m', 1, 25000)])],
    ]);
    expect(herokuChanges(before, after)).toEqual([
      { kind: 'app-created', app: 'new', team: 'acme-eng', monthlyDeltaCents: 25000 },
      {
        kind: 'formation',
        app: 'api',
        team: 'acme-eng',
        process: 'web',
        from: [{ size: 'standard-2x', quantity: 2, unitMonthlyCents: 5000 }],
        to: [{ size: 'standard-2x', quantity: 6, unitMonthlyCents: 5000 }],
        monthlyDeltaCents: 20000,
      },
      {
        kind: 'addon',
        app: 'api',
        team: 'acme-eng',
        service: 'heroku-postgresql',
        fromPlan: 'standard-0',
        toPlan: 'standard-2',
        monthlyDeltaCents: 15000,
      },
      { kind: 'app-deleted', app: 'old', team: 'acme-eng', monthlyDeltaCents: -700 },
    ]);
    expect(herokuChanges(before, before)).toEqual([]);
  });

  test('dyno sizes are written as Heroku writes them', () => {
    expect(['standard-2x', 'performance-l-ram', 'basic', 'private-m'].map(dynoSizeName)).toEqual([
      'Standard-2X',
      'Performance-L-RAM',
      'Basic',
      'Private-M',
    ]);
  });
});

describe('AWS: what moved', () => {
  test('usage types that rose most against their own median', () => {
    const moves = usageTypeMovers(
      'Amazon Elastic Compute Cloud - Compute',
      {
        'BoxUsage:m5.large': { ...days(28, () => 1000), '2026-11-17': 9000 },
        'EBS:VolumeUsage.gp3': { ...days(28, () => 300), '2026-11-17': 350 },
        'DataTransfer-Out-Bytes': { ...days(28, () => 500), '2026-11-17': 100 },
      },
      '2026-11-17',
    );
    expect(moves.map((m) => [m.usageType, m.deltaCents])).toEqual([
      ['BoxUsage:m5.large', 8000],
      ['EBS:VolumeUsage.gp3', 50],
    ]);
  });

  test('cost comparison drivers in words, largest change first', () => {
    expect(
      describeDrivers([
        { selector: ['Amazon S3'], difference: '-3.001', drivers: [{ type: 'USAGE_CHANGE', difference: '-3.001' }] },
        {
          selector: ['Amazon EC2', 'BoxUsage:m5.large'],
          difference: '120.004',
          drivers: [
            { type: 'USAGE_CHANGE', difference: '140.004' },
            { type: 'CREDIT', difference: '-20' },
            { type: 'TAX', difference: '0' },
          ],
        },
      ]),
    ).toEqual([
      'Amazon EC2 / BoxUsage:m5.large: +$120.00 (usage change +$140.00, credits -$20.00)',
      'Amazon S3: -$3.00 (usage change -$3.00)',
    ]);
  });
});

describe('charges AWS books monthly, on the 1st', () => {
  /** Every day from `start` to `end` (exclusive), with `amount(day)` or none. */
  const series = (start: string, end: string, amount: (day: string) => string | undefined) => {
    const out: Record<string, string> = {};
    for (let ms = Date.parse(start); ms < Date.parse(end); ms += 86_400_000) {
      const day = new Date(ms).toISOString().slice(0, 10);
      const value = amount(day);
      if (value !== undefined) out[day] = value;
    }
    return out;
  };
  const daysOf = (start: string, end: string) => Object.keys(series(start, end, () => '0'));

  test('across the new year: 1 January is compared with 1 December', () => {
    const days = daysOf('2026-12-01', '2027-01-02');
    const amounts = {
      'BoxUsage:m5.large': series('2026-12-01', '2027-01-02', () => '40.00'),
      'Business-Support': series('2026-12-01', '2027-01-02', (d) => (d.endsWith('-01') ? '100.00' : undefined)),
    };
    expect(monthlyBookedUsageTypes(amounts, days, '2027-01-01')).toEqual(['Business-Support']);
    expect(detectService('aws-service:AWS Support (Business)', amounts, days, '2027-01-01', 500)).toBeUndefined();
  });

  test('a fee seen for the first time, or one also charged mid-month, is not taken as booked monthly: it alerts', () => {
    const days = daysOf('2026-11-01', '2026-12-02');
    const first = {
      'Shield-Monthly-Fee': series('2026-11-01', '2026-12-02', (d) => (d === '2026-12-01' ? '3000' : undefined)),
    };
    expect(monthlyBookedUsageTypes(first, days, '2026-12-01')).toEqual([]);
    expect(detectService('aws-service:AWS Shield', first, days, '2026-12-01', 500)).toMatchObject({
      impactCents: 300_000,
    });
    const midMonth = {
      'Shield-Monthly-Fee': series('2026-11-01', '2026-12-02', (d) =>
        d.endsWith('-01') || d === '2026-11-20' ? '3000' : undefined,
      ),
    };
    expect(monthlyBookedUsageTypes(midMonth, days, '2026-12-01')).toEqual([]);
  });
});
