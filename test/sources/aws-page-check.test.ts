import {
  checkCachedCostAndUsage,
  checkCostAndUsagePage,
  costAndUsageAnswerSchema,
  costAndUsagePageSchema,
  describeIssue,
} from '../../src/sources/aws/cost-explorer-responses';
import { countTurns } from '../support/loop-turns';

/** A month and more of daily cost by service and usage type: thousands of groups, as large accounts get. */
function bigPage(days = 60, groups = 400) {
  const day = (d: number) => new Date(Date.UTC(2026, 8, 1 + d)).toISOString().slice(0, 10);
  return {
    GroupDefinitions: [
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'USAGE_TYPE' },
    ],
    ResultsByTime: Array.from({ length: days }, (_, d) => ({
      TimePeriod: { Start: day(d), End: day(d + 1) },
      Total: {},
      Groups: Array.from({ length: groups }, (_, g) => ({
        Keys: [`Service ${g % 40}`, `USE1-UsageType-${g}`],
        Metrics: { UnblendedCost: { Amount: '12.3456', Unit: 'USD' } },
      })),
      Estimated: d > days - 3,
    })),
    DimensionValueAttributes: [],
    NextPageToken: 'next',
    $metadata: { httpStatusCode: 200 },
  };
}

describe('checking a GetCostAndUsage page', () => {
  test('the same page as checking it whole, with turns of the event loop while a large one is checked', async () => {
    const page = bigPage(40, 200);
    const turns = countTurns();
    const checked = await checkCostAndUsagePage(page);
    turns.stop();
    const whole = costAndUsagePageSchema.safeParse(page);
    expect(checked).toEqual({ ok: true, page: whole.data });
    expect(turns.now()).toBeGreaterThan(1);
  });

  test('a bad amount deep in a page is named as checking it whole names it', async () => {
    const page = bigPage(40, 50);
    page.ResultsByTime[37]!.Groups[5]!.Metrics.UnblendedCost.Amount = 'twelve';
    const whole = costAndUsagePageSchema.safeParse(page);
    expect(whole.success).toBe(false);
    const expected = describeIssue(whole.error!);
    expect(expected).toBe('ResultsByTime.37.Groups.5.Metrics.UnblendedCost.Amount: Amount is not a decimal number');
    await expect(checkCostAndUsagePage(page)).resolves.toEqual({ ok: false, issue: expected });
  });

  test('a page that is not a page at all', async () => {
    await expect(checkCostAndUsagePage({ ResultsByTime: 'soon' })).resolves.toMatchObject({
      ok: false,
      issue: expect.stringMatching(/^ResultsByTime: /),
    });
    await expect(checkCostAndUsagePage({ DimensionValueAttributes: [] })).resolves.toEqual({
      ok: true,
      page: { DimensionValueAttributes: [] },
    });
  });
});

describe('checking a cached GetCostAndUsage answer', () => {
  test('the same answer as its schema reads it whole, with turns of the event loop while a large one is checked', async () => {
    const { NextPageToken: _, $metadata: __, ...page } = bigPage(40, 200);
    const cached = JSON.parse(JSON.stringify({ pages: [page, page] }));
    const turns = countTurns();
    const checked = await checkCachedCostAndUsage(cached);
    turns.stop();
    expect(checked).toEqual(costAndUsageAnswerSchema.parse(cached));
    expect(turns.now()).toBeGreaterThan(1);
  });

  test('an entry of another shape, or with a bad amount, reads as nothing cached (it is asked for again)', async () => {
    const { NextPageToken: _, $metadata: __, ...page } = bigPage(2, 3);
    page.ResultsByTime[1]!.Groups[2]!.Metrics.UnblendedCost.Amount = 'twelve';
    await expect(checkCachedCostAndUsage({ pages: [page] })).resolves.toBeUndefined();
    await expect(checkCachedCostAndUsage({ ResultsByTime: [] })).resolves.toBeUndefined();
    await expect(checkCachedCostAndUsage(null)).resolves.toBeUndefined();
  });
});
