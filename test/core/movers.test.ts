import { change, movers as digestMovers } from '../../src/core/digest/platform-figures';
import type { DigestWeek } from '../../src/core/digest/types';
import { usd } from '../../src/core/money';
import { changePercent, movers, signedUsd, top } from '../../src/core/spend/movers';
import { type DailyCostLike, summariseAws } from '../../src/core/spend/summary';

const week = (id: string, start: string, end: string): DigestWeek => ({ id, start, end, label: id, timezone: 'UTC' });
const cost = (total: string, groups: [string, string][] = []): DailyCostLike => ({
  metric: 'UnblendedCost',
  days: [{ day: '2026-03-01', estimated: false, groups: groups.map(([key, amount]) => ({ key, amount })) }],
  labels: {},
  total,
  creditsTotal: '0',
  estimated: false,
});

describe('one rule for top, movers and change % (digest, App Home and /hosting spend)', () => {
  test('from a negative previous total, spend that rose is a positive change: −$10 → −$5 is +50%, not −50%', () => {
    expect(changePercent(usd('-5'), usd('-10'))?.toNumber()).toBe(50);
    expect(changePercent(usd('-20'), usd('-10'))?.toNumber()).toBe(-100);
    expect(changePercent(usd('5'), usd('0'))).toBeUndefined();
    // The digest and the spend summary give the same answer.
    const digest = change(
      [
        { week: week('2026-W10', '2026-03-02', '2026-03-09'), total: usd('-10'), daysMissing: 0 },
        { week: week('2026-W11', '2026-03-09', '2026-03-16'), total: usd('-5'), daysMissing: 0 },
      ],
      'no data',
    );
    expect(digest).toEqual({ change: usd('5'), changePercent: 50 });
    expect(summariseAws(cost('-5'), cost('-10')).changePercent?.toNumber()).toBe(50);
  });

  test('a change that rounds to $0.00 is no mover, but a cost under a cent is still a line of the total', () => {
    const now = new Map([
      ['EC2', usd('10.004')],
      ['S3', usd('3')],
      ['KMS', usd('0.004')],
    ]);
    const before = new Map([
      ['EC2', usd('10')],
      ['S3', usd('1')],
    ]);
    expect(movers(now, before, 5).map((row) => row.name)).toEqual(['S3']);
    expect(digestMovers(now, before).map((row) => row.name)).toEqual(['S3']);
    expect(top(now, 5).map((row) => row.name)).toEqual(['EC2', 'S3', 'KMS']);
    const summary = summariseAws(
      cost('13.008', [
        ['EC2', '10.004'],
        ['S3', '3'],
        ['KMS', '0.004'],
      ]),
      cost('11', [
        ['EC2', '10'],
        ['S3', '1'],
      ]),
    );
    expect(summary.movers.map((row) => row.key)).toEqual(['S3']);
    expect(summary.top.map((row) => row.key)).toEqual(['EC2', 'S3', 'KMS']);
  });

  test('ties go by name; signs are shown once', () => {
    const now = new Map([
      ['b', usd('2')],
      ['a', usd('2')],
    ]);
    expect(movers(now, new Map(), 5).map((row) => row.name)).toEqual(['a', 'b']);
    expect([signedUsd(usd('1')), signedUsd(usd('-1')), signedUsd(usd('0.001'))]).toEqual(['+$1.00', '-$1.00', '$0.00']);
  });
});
