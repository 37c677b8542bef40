/**
 * The world of the alert-press race tests: the alerts channel, three leads, the day the scan runs and
 * its two alerts (EC2 by the bot's own scan, S3 by Cost Anomaly Detection), the local Cost Explorer
 * scripted for them, and the replicas each test starts.
 */
import type { Harness } from '../support/bot-harness';
import { type FakeCostExplorer, type FakeReply, reply } from '../support/fake-cost-explorer';
import { Gate } from '../support/gate';
import { EC2, S3, S3_ANOMALY, scriptDaily, useLocalCostExplorer, useReplicas } from './support';

export const COSTS = 'C0COSTS';
export const NOV_17 = new Date('2026-11-17T07:00:00Z');
/** NOV_17 as the messages write it. */
export const AT = '2026-11-17 07:00 UTC';
export const LEAD_A = 'ULEADAAA1';
export const LEAD_B = 'ULEADBBB2';
export const LEAD_C = 'ULEADCCC3';
export const EC2_ALERT = `aws-service:${EC2}@2026-11-16`;
export const CE_ALERT = 'ce-anomaly:anomaly-1@2026-11-15';

/** Call at the top of the file: the local Cost Explorer (reset and scripted before each test) and `start` for replicas. */
export function usePressRace() {
  const localCostExplorer = useLocalCostExplorer();
  let ce: FakeCostExplorer;
  beforeEach(() => {
    ce = localCostExplorer();
    ce.reset();
    scriptDaily(ce, (day) => [
      { keys: [EC2, 'BoxUsage:m5.large'], amount: day === '2026-11-16' ? '120.00' : '40.00' },
      { keys: [S3, 'TimedStorage-ByteHrs'], amount: '10.00' },
    ]);
    ce.reply('GetAnomalies', reply.ok({ Anomalies: [S3_ANOMALY] }));
  });
  const replicas = useReplicas(
    () => ce,
    () => NOV_17,
  );
  return {
    ce: () => ce,
    start: (env: Record<string, string>, instanceId: string): Promise<Harness> =>
      replicas({ ALERTS_CHANNEL: COSTS, HOSTING_LEADS: `${LEAD_A},${LEAD_B},${LEAD_C}`, ...env }, instanceId),
  };
}

/**
 * AWS answers the next ProvideAnomalyFeedback with `answer` once the test opens the gate, as when it
 * takes its time over the internet; the SDK's retries (of a 5xx or a throttle) get `answer` at once.
 */
export function feedbackAnsweredWhenOpened(ce: FakeCostExplorer, answer: FakeReply): Gate {
  const gate = new Gate();
  ce.reply('ProvideAnomalyFeedback', answer);
  ce.reply('ProvideAnomalyFeedback', reply.held(gate.opened, answer), { times: 1 });
  return gate;
}
