import { parseSpendArgs, spendPeriod } from '../../src/core/spend/request';
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
    });
    expect(parseSpendArgs('account last-month heroku aws')).toEqual({
      platforms: ['aws', 'heroku'],
      period: 'last-month',
      groupBy: 'account',
    });
  });

  test.each([
    ['yesterday', /`yesterday`/],
    ['7d 30d', /second period/],
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

describe('spendPeriod (UTC days, end exclusive)', () => {
  const now = new Date('2026-03-01T00:30:00Z');

  test('7d is the last seven complete days, compared with the seven before', () => {
    const period = spendPeriod('7d', now);
    expect(period).toMatchObject({ start: '2026-02-22', end: '2026-03-01', days: 7 });
    expect(period.previous).toEqual({ start: '2026-02-15', end: '2026-02-22' });
    expect(period.label).toBe('2026-02-22 – 2026-02-28 (7 UTC days)');
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
