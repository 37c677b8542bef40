import {
  averageStorageGb,
  checkSpendPeriod,
  dailyCostFromRows,
  forecastOf,
  type QuantityRow,
  tagValue,
} from '../../src/core/spend/daily-cost';

const row = (
  start: string,
  end: string,
  keys: string[],
  amount: string,
  unit = 'USD',
  estimated = false,
): QuantityRow => ({
  start,
  end,
  keys,
  amount,
  unit,
  estimated,
});

describe('AWS spend arithmetic (core, no I/O)', () => {
  it('a period is real UTC days with the end after the start', () => {
    expect(() => checkSpendPeriod({ start: '2026-03-01', end: '2026-03-02' })).not.toThrow();
    expect(() => checkSpendPeriod({ start: '2026-02-30', end: '2026-03-02' })).toThrow(
      'start must be a UTC day as YYYY-MM-DD, not "2026-02-30"',
    );
    expect(() => checkSpendPeriod({ start: '2026-03-02', end: '2026-03-02' })).toThrow('end is exclusive');
  });

  it('tag keys read as their value, an empty tag as "(untagged)"', () => {
    expect(tagValue('env$prod')).toBe('prod');
    expect(tagValue('env$')).toBe('(untagged)');
  });

  it('merges a day split across pages, keeps empty days, orders keys by total and sums exactly', () => {
    const cost = dailyCostFromRows({
      query: { start: '2026-03-01', end: '2026-03-04', groupBy: { tag: 'env' } },
      metric: 'UnblendedCost',
      buckets: [
        { day: '2026-03-01', estimated: false },
        { day: '2026-03-01', estimated: false },
        { day: '2026-03-02', estimated: false },
        { day: '2026-03-03', estimated: true },
      ],
      usage: [
        row('2026-03-01', '2026-03-02', ['env$prod'], '0.1'),
        row('2026-03-01', '2026-03-02', ['env$prod'], '0.2'),
        row('2026-03-01', '2026-03-02', ['env$'], '5'),
        row('2026-03-03', '2026-03-04', ['env$prod'], '1', 'USD', true),
      ],
      credits: [row('2026-03-01', '2026-03-02', ['Credit'], '-0.3')],
      labels: {},
    });
    expect(cost.keys).toEqual(['(untagged)', 'prod']);
    expect(cost.days.map((day) => [day.day, day.total, day.estimated])).toEqual([
      ['2026-03-01', '5.3', false],
      ['2026-03-02', '0', false],
      ['2026-03-03', '1', true],
    ]);
    expect(cost.days[0].groups).toEqual([
      { key: '(untagged)', amount: '5' },
      { key: 'prod', amount: '0.3' },
    ]);
    expect(cost).toMatchObject({ total: '6.3', creditsTotal: '-0.3', estimated: true, unit: 'USD' });
  });

  it('average RDS storage: GB-months × hours in the month ÷ hours the bucket covers, backups left out', () => {
    // 10 days of March (240 h of 744) used 100 GB-Mo × 240/744 ≈ 32.26 GB-Mo: an average of 100 GB.
    const rows = [
      row('2026-03-01', '2026-03-11', ['USE1-RDS:GP3-Storage'], '32.258064516', 'GB-Mo'),
      row('2026-03-01', '2026-03-11', ['USE1-RDS:ChargedBackupUsage'], '999', 'GB-Mo'),
      row('2026-03-01', '2026-03-11', ['USE1-InstanceUsage:db.t4g.medium'], '240', 'Hrs'),
    ];
    expect(averageStorageGb(rows)).toBe(100);
    expect(averageStorageGb([])).toBeUndefined();
  });

  it('a forecast of one period carries its interval, of several periods none', () => {
    const one = forecastOf(
      { start: '2026-03-01', end: '2026-04-01' },
      'UnblendedCost',
      80,
      { amount: '10.50', unit: 'USD' },
      [{ start: '2026-03-01', end: '2026-04-01', mean: '10.5', lower: '9', upper: '12' }],
    );
    expect(one).toMatchObject({ total: '10.5', lower: '9', upper: '12' });
    const two = forecastOf(
      { start: '2026-03-01', end: '2026-05-01' },
      'UnblendedCost',
      80,
      { amount: '21', unit: undefined },
      [
        { start: '2026-03-01', end: '2026-04-01', lower: '9' },
        { start: '2026-04-01', end: '2026-05-01', lower: '9' },
      ],
    );
    expect(two).toMatchObject({ unit: 'USD', total: '21' });
    expect(two).not.toHaveProperty('lower');
  });
});
