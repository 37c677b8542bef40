import type { Harness } from '../support/bot-harness';
import { type FakeCostExplorer, reply } from '../support/fake-cost-explorer';
import {
  alertJobs,
  EC2,
  headlines,
  S3,
  S3_ANOMALY,
  scriptDaily,
  standard2xSnapshot,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * Each anomaly is announced once, on the day it is first found: scanning again on a later day (the
 * daily scan, while AWS Cost Anomaly Detection still lists it, or while no newer Heroku snapshot
 * exists) does not announce it again.
 */
const COSTS = 'C0COSTS';
const NOV_17 = new Date('2026-11-17T07:00:00Z');
const NOV_18 = new Date('2026-11-18T07:00:00Z');

const localCostExplorer = useLocalCostExplorer();
let ce: FakeCostExplorer;
let h: Harness;
let clock = NOV_17;

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  clock = NOV_17;
  h = await startAlertHarness(ce, () => clock, { ALERTS_CHANNEL: COSTS });
  // AWS steady: nothing of the bot's own detection, only Cost Anomaly Detection's finding.
  scriptDaily(ce, () => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: '40.00' },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
  ]);
  // Cost Anomaly Detection keeps listing an anomaly nobody gave feedback on, every day of the week it looks back.
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [S3_ANOMALY] }));
});
afterEach(async () => {
  await h.close();
});

test('a Cost Anomaly Detection finding still listed the next day is not announced again', async () => {
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(headlines(h, COSTS).map((m) => m.text)).toEqual([
    expect.stringContaining('1 cost anomaly found on 2026-11-17: AWS Amazon Simple Storage Service +$42.50'),
  ]);
  clock = NOV_18;
  const next = await alertJobs(h, 'replica-b').scanAnomalies(NOV_18);
  expect(headlines(h, COSTS)).toHaveLength(1);
  expect(next.found).toEqual([]);
});

test('a Heroku spike, when no newer snapshot was taken, is not announced again the next day', async () => {
  ce.reply('GetAnomalies', reply.ok({ Anomalies: [] }));
  const { store } = h.bot.services;
  for (let i = 1; i <= 28; i++) {
    const day = new Date(NOV_17.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    await store.putSnapshot({ day, app: 'api-prod', data: standard2xSnapshot(2), takenAt: NOV_17 });
  }
  await store.putSnapshot({ day: '2026-11-17', app: 'api-prod', data: standard2xSnapshot(6), takenAt: NOV_17 });
  await alertJobs(h, 'replica-a').scanAnomalies(NOV_17);
  expect(headlines(h, COSTS).map((m) => m.text)).toEqual([
    expect.stringContaining('1 cost anomaly found on 2026-11-17, +$6.67 above a usual day: Heroku app api-prod'),
  ]);
  // 18 Nov: Heroku did not answer, so 17 Nov is still the latest snapshot day.
  clock = NOV_18;
  await alertJobs(h, 'replica-b').scanAnomalies(NOV_18);
  expect(headlines(h, COSTS)).toHaveLength(1);
});
