import { parseSpendArgs, readableRange, spendPeriod } from '../../src/core/spend/request';
import { centsForDays, chargedDays, linesAddingUp, metricInWords } from '../../src/core/spend/rows';
import { type DailyCostLike, summariseAws } from '../../src/core/spend/summary';

describe('parseSpendArgs', () => {
  test('defaults: both platforms, 7d, by service', () => {
    expect(parseSpendArgs('')).toEqual({ platforms: ['aws', 'heroku'], period: '7d', groupBy: 'service' });
  });

  test('words in any order; tag keys keep their case', () => {
    expect(parseSpendArgs('by tag:Team mtd AWS')).toEqual({
      platforms: ['aws'],
      period: 'mtd',
      groupBy: { tag: 'Team' },
      groupAsked: true,
    });
    expect(parseSpendArgs('account last-month heroku aws')).toEqual({
      platforms: ['aws', 'heroku'],
      period: 'last-month',
      groupBy: 'account',
      groupAsked: true,
    });
  });

  test.each([
    ['yesterday', /`yesterday`/],
    ['7d 30d', /second period/],
    ['7d 7d', /I did not read the second `7d`; give one of 7d, 30d, mtd or last-month\./],
    ['by service account', /one thing at a time/],
    ['by', /needs what to group by/],
    ['tag:', /tag key/],
  ])('%s is refused with an example', (words, problem) => {
    const result = parseSpendArgs(words);
    expect(result).toHaveProperty('error');
    const { error } = result as { error: string };
    expect(error).toMatch(problem);
    expect(error).toContain('/hosting spend aws 30d by service');
  });
});

describe('spendPeriod (UTC days, kept end exclusive, shown inclusive)', () => {
  const now = new Date('2026-03-01T00:30:00Z');

  test('7d is the last seven complete days, compared with the seven before', () => {
    const period = spendPeriod('7d', now);
    expect(period).toMatchObject({ start: '2026-02-22', end: '2026-03-01', days: 7 });
    expect(period.previous).toEqual({ start: '2026-02-15', end: '2026-02-22' });
    expect(period.label).toBe('22 – 28 Feb 2026 (7 days)');
  });

  test('mtd on the 1st is today, never an empty Start == End period', () => {
    const period = spendPeriod('mtd', now);
    expect(period).toMatchObject({ start: '2026-03-01', end: '2026-03-02', days: 1 });
    expect(period.previous).toEqual({ start: '2026-02-28', end: '2026-03-01' });
  });

  test('last-month crosses the year and compares with the month before', () => {
    const period = spendPeriod('last-month', new Date('2026-01-15T23:59:59Z'));
    expect(period).toMatchObject({ start: '2025-12-01', end: '2026-01-01', days: 31 });
    expect(period.previous).toEqual({ start: '2025-11-01', end: '2025-12-01' });
    expect(period.restOfMonth).toEqual({ start: '2026-01-15', end: '2026-02-01' });
  });

  test('30d late in the UTC day is still whole UTC days', () => {
    expect(spendPeriod('30d', new Date('2026-03-31T23:59:59Z'))).toMatchObject({
      start: '2026-03-01',
      end: '2026-03-31',
    });
  });
});

describe('summariseAws', () => {
  const cost = (days: DailyCostLike['days'], total: string, extra: Partial<DailyCostLike> = {}): DailyCostLike => ({
    metric: 'UnblendedCost',
    days,
    labels: {},
    total,
    creditsTotal: '0',
    estimated: days.some((d) => d.estimated),
    ...extra,
  });

  test('exact totals, change, movers from the union of keys (sparse and new groups count as zero)', () => {
    const current = cost(
      [
        {
          day: '2026-03-01',
          estimated: false,
          groups: [
            { key: 'EC2', amount: '10.004' },
            { key: 'New', amount: '1.001' },
          ],
        },
        { day: '2026-03-02', estimated: true, groups: [{ key: 'EC2', amount: '10.004' }] },
      ],
      '21.009',
      { creditsTotal: '-3.5', labels: { EC2: 'Amazon EC2' } },
    );
    const previous = cost(
      [
        {
          day: '2026-02-28',
          estimated: false,
          groups: [
            { key: 'EC2', amount: '5' },
            { key: 'Gone', amount: '4' },
          ],
        },
      ],
      '9',
    );
    const summary = summariseAws(current, previous);
    expect(summary.total.toString()).toBe('21.009');
    expect(summary.change.toString()).toBe('12.009');
    expect(summary.changePercent?.toFixed(1)).toBe('133.4');
    expect(summary.credits.toString()).toBe('-3.5');
    expect(summary.estimated).toBe(true);
    expect(summary.estimatedDays).toEqual(['2026-03-02']);
    expect(summary.top.map((row) => [row.label, row.current.toString()])).toEqual([
      ['Amazon EC2', '20.008'],
      ['New', '1.001'],
    ]);
    expect(summary.movers.map((row) => [row.key, row.change.toString()])).toEqual([
      ['EC2', '15.008'],
      ['Gone', '-4'],
      ['New', '1.001'],
    ]);
  });

  test('no previous spend: no percentage, no division by zero', () => {
    const summary = summariseAws(cost([], '2'), cost([], '0'));
    expect(summary.changePercent).toBeUndefined();
  });
});

describe('what a spend answer shows adds up', () => {
  const lines = [
    { label: 'EC2', cents: 3034 },
    { label: 'RDS', cents: 500 },
    { label: 'S3', cents: 0 },
  ];

  test('the largest lines and an Other line make the total; sub-cent groups and rounding go to Other', () => {
    expect(linesAddingUp(lines, 3535, 1, 'service')).toEqual([
      { label: 'EC2', cents: 3034 },
      { label: 'Other (2 more services)', cents: 501 },
    ]);
    expect(linesAddingUp(lines, 3535, 5, 'service').at(-1)).toEqual({ label: 'Other (1 more service)', cents: 1 });
    expect(linesAddingUp(lines, 3535, 5, 'service', true).at(-1)).toEqual({ label: 'Rounding', cents: 1 });
    expect(linesAddingUp(lines, 3534, 5, 'service')).toEqual(lines.slice(0, 2));
  });

  test('inclusive ranges as people write them', () => {
    expect(readableRange({ start: '2026-11-29', end: '2026-12-06' })).toBe('29 Nov – 5 Dec 2026');
    expect(readableRange({ start: '2026-12-01', end: '2026-12-08' })).toBe('1 – 7 Dec 2026');
    expect(readableRange({ start: '2025-12-29', end: '2026-01-05' })).toBe('29 Dec 2025 – 4 Jan 2026');
    expect(readableRange({ start: '2026-12-05', end: '2026-12-06' })).toBe('5 Dec 2026');
  });

  test('a run-rate never charges the 31st: Heroku bills at most a monthly price a month', () => {
    expect(chargedDays({ start: '2026-12-01', end: '2027-01-01' })).toBe(30);
    expect(chargedDays({ start: '2026-12-28', end: '2027-01-04' })).toBe(6);
    expect(chargedDays({ start: '2026-02-01', end: '2026-03-01' })).toBe(28);
    expect(centsForDays(5000, 7)).toBe(1167);
    expect(centsForDays(5000, 30)).toBe(5000);
  });

  test('metric names in plain words', () => {
    expect(metricInWords('UnblendedCost')).toBe('cost before credits');
    expect(metricInWords('Mystery')).toBe('cost (Mystery)');
  });
});
