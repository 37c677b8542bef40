import { anomalySummaryView } from '../../src/answers/anomaly-messages';
import type { AnomalyFinding } from '../../src/answers/anomaly-scan';

/**
 * The summary alone (what the channel shows, and a notification) must not call "a usual day" what,
 * on a month's 1st, also holds the charges AWS books monthly: each of its shapes says so, as the
 * detail in the thread does. (The one-day shape is checked end to end in anomaly-first-of-month.)
 */
const base = { why: [] as string[], basis: '', route: {}, detector: 'Hosting Advisor' };
const ec2OnTheFirst: AnomalyFinding = {
  ...base,
  id: 'aws-service:EC2@2026-12-01',
  subject: 'aws-service:EC2',
  day: '2026-12-01',
  platform: 'aws',
  title: 'AWS EC2',
  dayCents: 41_200,
  baselineCents: 33_200,
  impactCents: 8_000,
  monthly: { usageTypes: ['HeavyUsage:m5.large'], previousFirst: '2026-11-01', cents: 29_200, previousCents: 29_200 },
};
const herokuToday: AnomalyFinding = {
  ...base,
  id: 'heroku-app:api@2026-12-02',
  subject: 'heroku-app:api',
  day: '2026-12-02',
  platform: 'heroku',
  title: 'Heroku app api',
  dayCents: 3_600,
  baselineCents: 3_000,
  impactCents: 600,
};
const ceFinding: AnomalyFinding = {
  ...base,
  id: 'ce-anomaly:a@2026-11-29',
  subject: 'ce-anomaly:a',
  day: '2026-11-29',
  platform: 'aws',
  title: 'AWS S3',
  dayCents: 6_250,
  baselineCents: 2_000,
  impactCents: 4_250,
  ceAnomalyId: 'a',
  ce: { impact: 'total', spendKnown: true },
};

test('findings of two days, one on a 1st: each above its expected cost, the 1st with its monthly charges named', () => {
  expect(anomalySummaryView([ec2OnTheFirst, herokuToday], '2026-12-02').headline).toBe(
    '2 cost anomalies found on 2026-12-02, +$86.00 in all, each above its expected cost (on 2026-12-01: a usual day and the charges booked monthly on 2026-11-01; on other days: a usual day): AWS EC2 +$80.00 on 2026-12-01; Heroku app api +$6.00 on 2026-12-02. Details and buttons in the thread.',
  );
});

test('with a Cost Anomaly Detection finding: the own finding of a 1st says what it was compared with', () => {
  expect(anomalySummaryView([ec2OnTheFirst, ceFinding], '2026-12-02').headline).toBe(
    '2 cost anomalies found on 2026-12-02: AWS EC2 +$80.00 above the expected cost (2026-12-01: a usual day and the charges booked monthly on 2026-11-01); AWS S3 +$42.50 in total since 2026-11-29 (AWS Cost Anomaly Detection). Details and buttons in the thread.',
  );
});
