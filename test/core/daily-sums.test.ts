import { dailySumsSteps } from '../../src/core/spend/daily-sums';
import { finish } from '../../src/core/steps';

const group = (keys: string[], amount: string, unit = 'USD') => ({
  Keys: keys,
  Metrics: { UnblendedCost: { Amount: amount, Unit: unit } },
});

describe('daily sums of a Cost Explorer answer', () => {
  const pages = [
    {
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-03-01' },
          Groups: [group(['EC2', 'BoxUsage'], '1.10'), group(['EC2', 'BoxUsage'], '0.000000001'), group(['S3'], '2')],
        },
        { TimePeriod: { Start: '2026-03-02' }, Estimated: true, Groups: [group(['S3'], '0.30')] },
      ],
    },
    // A second page continues the same day, as Cost Explorer splits a long answer.
    { ResultsByTime: [{ TimePeriod: { Start: '2026-03-02' }, Estimated: true, Groups: [group(['S3'], '1e-2')] }] },
    { ResultsByTime: [{ TimePeriod: { Start: '2026-03-03' }, Groups: [{ Keys: ['EC2'], Metrics: {} }] }] },
  ];

  test('each key and day summed exactly, across pages, with the estimated days and the currencies', () => {
    expect(finish(dailySumsSteps(pages, 'UnblendedCost', (keys) => keys.join('/')))).toEqual({
      byKey: {
        'EC2/BoxUsage': { '2026-03-01': '1.100000001' },
        S3: { '2026-03-01': '2', '2026-03-02': '0.31' },
      },
      estimatedDays: ['2026-03-02'],
      units: ['USD'],
    });
  });

  test('a step for every day of every page and for every key, so a large answer is summed in slices', () => {
    const steps = dailySumsSteps(pages, 'UnblendedCost', (keys) => keys.join('/'));
    let yielded = 0;
    while (!steps.next().done) yielded++;
    expect(yielded).toBe(4 + 2);
  });
});
