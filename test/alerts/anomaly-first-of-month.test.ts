import type { Harness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import { alertJobs, EC2, headlines, replies, scriptDaily, startAlertHarness, useLocalCostExplorer } from './support';

/**
 * The 1st of a month: AWS books monthly charges (Shield Advanced's fee, an RI's recurring fee) that
 * day, which a usual day has none of. The scan on the 2nd looks at the 1st, through the real Cost
 * Explorer client against the local Cost Explorer; what the channel shows is checked.
 */
const COSTS = 'C0COSTS';
const DEC_2 = new Date('2026-12-02T07:00:00Z');
const SHIELD = 'AWS Shield';

const localCostExplorer = useLocalCostExplorer();
let ce: FakeCostExplorer;
let h: Harness;

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
  h = await startAlertHarness(ce, () => DEC_2, { ALERTS_CHANNEL: COSTS });
});
afterEach(() => h.close());

/** EC2 $40 a day; on each 1st, the RI's recurring fee and Shield Advanced's monthly fee. */
function script({ boxUsageDec1 = '40.00', shieldDec1 = '3000.00' } = {}) {
  scriptDaily(ce, (day) => {
    const first = day.endsWith('-01');
    return [
      { keys: [EC2, 'BoxUsage:m5.large'], amount: day === '2026-12-01' ? boxUsageDec1 : '40.00' },
      ...(first ? [{ keys: [EC2, 'HeavyUsage:m5.large'], amount: '292.00' }] : []),
      ...(first
        ? [{ keys: [SHIELD, 'Shield-Monthly-Fee'], amount: day === '2026-12-01' ? shieldDec1 : '3000.00' }]
        : []),
    ];
  });
}

test('monthly fees booked on the 1st, the same as last month: no anomaly (before: EC2 and Shield alerted, +$292.00 and +$3,000.00)', async () => {
  script();
  const result = await alertJobs(h, 'replica-a').scanAnomalies(DEC_2);
  expect(result.problems).toEqual([]);
  expect(result.found).toEqual([]);
  expect(headlines(h, COSTS)).toEqual([]);
  // One request, reaching back to the previous 1st.
  expect(ce.requests('GetCostAndUsage').map((r) => (r.body as { TimePeriod: unknown }).TimePeriod)).toEqual([
    { Start: '2026-11-01', End: '2026-12-02' },
  ]);
});

test("a genuine spike on the 1st still alerts, against a usual day plus last 1st's fees, and says so", async () => {
  script({ boxUsageDec1: '120.00' });
  await alertJobs(h, 'replica-a').scanAnomalies(DEC_2);
  const [summary, ...more] = headlines(h, COSTS);
  expect(more).toEqual([]);
  // Read alone, the summary says what the detail compares with (before: "+$80.00 above a usual day", of a day with $292.00 of monthly fees).
  expect(summary!.text).toBe(
    '1 cost anomaly found on 2026-12-02, +$80.00 above the expected cost on 2026-12-01 (a usual day and the charges booked monthly on 2026-11-01): AWS Amazon Elastic Compute Cloud - Compute +$80.00. Details and buttons in the thread.',
  );
  const [detail] = replies(h, COSTS, summary!.ts);
  expect(detail!.text).toContain(
    "AWS Amazon Elastic Compute Cloud - Compute: $412.00 on 2026-12-01 against an expected $332.00 (a usual day's $40.00 and $292.00 booked monthly on 2026-11-01), +$80.00 that day",
  );
  expect(detail!.text).toContain(
    'Amazon Elastic Compute Cloud - Compute / HeavyUsage:m5.large, booked monthly on the 1st: $292.00 that day against $292.00 on 2026-11-01 (+$0.00)',
  );
  expect(detail!.text).toContain(
    'Amazon Elastic Compute Cloud - Compute / BoxUsage:m5.large: $120.00 that day against a usual $40.00 (+$80.00)',
  );
  expect(JSON.stringify(h.slack.callsTo('chat.postMessage').map((c) => c.body.blocks))).toContain(
    'are compared with the previous 1st instead',
  );
  capture(
    'anomaly-first-of-month',
    h.slack.callsTo('chat.postMessage').map((call) => call.body),
  );
});

test('a monthly fee that doubled alerts on the 1st, against the previous 1st', async () => {
  script({ shieldDec1: '6000.00' });
  await alertJobs(h, 'replica-a').scanAnomalies(DEC_2);
  const [summary] = headlines(h, COSTS);
  expect(summary!.text).toContain(
    '+$3,000.00 above the expected cost on 2026-12-01 (a usual day and the charges booked monthly on 2026-11-01): AWS AWS Shield +$3,000.00',
  );
  const [detail] = replies(h, COSTS, summary!.ts);
  expect(detail!.text).toContain(
    "AWS AWS Shield: $6,000.00 on 2026-12-01 against an expected $3,000.00 (a usual day's $0.00 and $3,000.00 booked monthly on 2026-11-01), +$3,000.00 that day",
  );
});
