import { inSlices } from '../../src/in-slices';
import {
  checkCachedCostAndUsage,
  checkCostAndUsagePage,
  costAndUsageAnswerSchema,
  costAndUsagePageSchema,
  describeIssue,
  storedCostAndUsageSteps,
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

describe('a GetCostAndUsage answer kept in the store', () => {
  const answer = () => {
    const { NextPageToken: _, $metadata: __, ...page } = bigPage(40, 200);
    return costAndUsageAnswerSchema.parse({ pages: [page, { ...page, ResultsByTime: undefined }] });
  };

  test('is kept a bucket a text, and read back as it was, with turns of the event loop while a large one is read', async () => {
    const stored = JSON.parse(JSON.stringify(await inSlices(storedCostAndUsageSteps(answer()))));
    expect(stored.pages[0].bucketsJson).toHaveLength(40);
    expect(typeof stored.pages[0].bucketsJson[0]).toBe('string');
    const turns = countTurns();
    const read = await checkCachedCostAndUsage(stored);
    turns.stop();
    expect(read).toEqual(answer());
    expect(turns.now()).toBeGreaterThan(1);
  });

  test('an entry kept whole, as before, still reads as it was', async () => {
    const whole = JSON.parse(JSON.stringify(answer()));
    await expect(checkCachedCostAndUsage(whole)).resolves.toEqual(answer());
  });

  test('a kept bucket that is not JSON, or not a bucket, reads as nothing cached', async () => {
    const stored = JSON.parse(JSON.stringify(await inSlices(storedCostAndUsageSteps(answer()))));
    const broken = structuredClone(stored);
    broken.pages[0].bucketsJson[3] = '{"TimePeriod":';
    await expect(checkCachedCostAndUsage(broken)).resolves.toBeUndefined();
    stored.pages[0].bucketsJson[5] = JSON.stringify({ TimePeriod: { Start: 'soon', End: 'later' } });
    await expect(checkCachedCostAndUsage(stored)).resolves.toBeUndefined();
  });

  test('an entry of another shape, or with a bad amount, reads as nothing cached (it is asked for again)', async () => {
    const { NextPageToken: _, $metadata: __, ...page } = bigPage(2, 3);
    page.ResultsByTime[1]!.Groups[2]!.Metrics.UnblendedCost.Amount = 'twelve';
    await expect(checkCachedCostAndUsage({ pages: [page] })).resolves.toBeUndefined();
    await expect(checkCachedCostAndUsage({ ResultsByTime: [] })).resolves.toBeUndefined();
    await expect(checkCachedCostAndUsage(null)).resolves.toBeUndefined();
  });
});
