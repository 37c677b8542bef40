/**
 * Today's cost anomalies, with their dollar impact, who found them and why they happened:
 * - each Heroku app's daily cost (from the formation snapshots) against its own last 28 days;
 * - each AWS service's daily cost (yesterday, the latest whole day) against its own last 28 days,
 *   explained by the usage types that moved most;
 * - AWS Cost Anomaly Detection's own findings (GetAnomalies), where the account has monitors.
 * Plain data; recording first detections and posting is the alert job's business.
 */
import { usageTypeMovers } from '../core/alerts/aws-movers';
import { type DailySeries, DETECTION_METHOD, type Detection, detect } from '../core/alerts/detect';
import { appDayThirtieths, herokuChanges } from '../core/alerts/heroku-changes';
import { detectService, FIRST_OF_MONTH_METHOD, type MonthlyCharges } from '../core/alerts/monthly-charges';
import type { RouteTarget } from '../core/alerts/routing';
import type { HerokuSnapshotData } from '../core/heroku-run-rate';
import { formatUsd, fromCents, toCents, usd } from '../core/money';
import { addDays } from '../core/utc-days';
import type { Services } from '../services';
import { costAnomalies } from '../sources/aws/alert-queries';
import { ALERT_DATA_MAX_AGE_MS, type AlertData, usageTypeDayCents } from './alert-data';
import { herokuChangeWords, monthlyChargesWords, usageTypeWords } from './change-words';

export interface AnomalyFinding {
  /** `<subject>@<first day>`: the same finding has the same id on every replica. */
  id: string;
  subject: string;
  day: string;
  platform: 'heroku' | 'aws';
  /** `Heroku app api-prod`, `AWS Amazon Elastic Compute Cloud - Compute`. */
  title: string;
  /** Who found it, in words. */
  detector: string;
  dayCents: number;
  baselineCents: number;
  impactCents: number;
  why: string[];
  route: RouteTarget;
  /** Cost Anomaly Detection's id, for feedback. */
  ceAnomalyId?: string;
  /**
   * What Cost Anomaly Detection's figures are: its impact a total over its days or (no total sent) its
   * largest day's; whether it sent actual and expected spend (else dayCents and baselineCents are 0,
   * never to be shown); the last day it saw the anomaly.
   */
  ce?: { impact: 'total' | 'largest-day'; spendKnown: boolean; end?: string };
  /**
   * What Snooze holds, when not `subject`: a Cost Anomaly Detection finding is announced once anyway,
   * so snoozing it holds the AWS service its root causes name (`aws-service:<service>`).
   */
  snoozeSubject?: string;
  /** Period, source, estimated: how to read the figures. */
  basis: string;
  /** On a 1st: the charges AWS books monthly, compared with the previous 1st (baselineCents includes them). */
  monthly?: MonthlyCharges;
}

const OWN_DETECTOR = 'Hosting Advisor (robust z-score against the last 28 days)';

function ownFinding(
  detection: Detection,
  fields: Omit<AnomalyFinding, 'id' | 'subject' | 'day' | 'detector' | 'dayCents' | 'baselineCents' | 'impactCents'>,
): AnomalyFinding {
  return {
    id: `${detection.subject}@${detection.day}`,
    subject: detection.subject,
    day: detection.day,
    detector: `${OWN_DETECTOR}, z = ${detection.z}`,
    dayCents: detection.cents,
    baselineCents: detection.baselineCents,
    impactCents: detection.impactCents,
    ...fields,
  };
}

function snapshotsByDay(data: AlertData): Map<string, Map<string, HerokuSnapshotData>> {
  const byDay = new Map<string, Map<string, HerokuSnapshotData>>();
  for (const row of data.herokuSnapshots) {
    const apps = byDay.get(row.day) ?? new Map<string, HerokuSnapshotData>();
    apps.set(row.app, row.data as HerokuSnapshotData);
    byDay.set(row.day, apps);
  }
  return byDay;
}

/**
 * The app's last usual day before `day` (it cost at most the usual) and when it rose from it, in words:
 * a spike found a day or more after it began (an app with too little history then, a scan that did not
 * run, a snooze) is explained against its last usual day, not against yesterday, which was as high.
 */
function usualUntil(
  series: DailySeries,
  day: string,
  baselineCents: number,
): { usual: string; when: string } | undefined {
  const earlier = Object.keys(series.days)
    .filter((d) => d < day)
    .sort();
  const usual = earlier.findLast((d) => series.days[d]! <= baselineCents);
  if (!usual) return undefined;
  const rose = earlier.find((d) => d > usual) ?? day;
  const sameSince = Object.keys(series.days).every((d) => d < rose || d > day || series.days[d] === series.days[day]);
  if (rose === day || !sameSince) return { usual, when: `between ${usual} and ${day}` };
  return { usual, when: `between ${usual} and ${rose}, and the same every day since` };
}

export function herokuFindings(data: AlertData, minImpactCents: number): AnomalyFinding[] {
  const byDay = snapshotsByDay(data);
  const days = [...byDay.keys()].sort();
  const day = days.at(-1);
  const previous = days.at(-2);
  if (!day || !previous) return [];
  const series = new Map<string, DailySeries>();
  for (const [snapshotDay, apps] of byDay) {
    for (const [app, snapshot] of apps) {
      const one = series.get(app) ?? { subject: `heroku-app:${app}`, days: {} };
      one.days[snapshotDay] = Math.round(appDayThirtieths(snapshot) / 30);
      series.set(app, one);
    }
  }
  const findings: AnomalyFinding[] = [];
  for (const [app, one] of series) {
    const found = detect(one, day, minImpactCents);
    if (!found) continue;
    const now = byDay.get(day)!.get(app)!;
    const takenAt = data.herokuSnapshots.find((row) => row.day === day && row.app === app)?.takenAt;
    const taken = takenAt?.toISOString().slice(0, 16).replace('T', ' ');
    const since = usualUntil(one, day, found.baselineCents) ?? {
      usual: previous,
      when: `between ${previous} and ${day}`,
    };
    const before = byDay.get(since.usual)?.get(app);
    const changes = herokuChanges(new Map(before ? [[app, before]] : []), new Map([[app, now]]));
    findings.push(
      ownFinding(found, {
        platform: 'heroku',
        title: `Heroku app ${app}${now.team ? ` (team ${now.team})` : ''}`,
        why: changes.length
          ? changes.map((change) => `${herokuChangeWords(change)}, ${since.when}`)
          : [`no formation or add-on change ${since.when}: the list prices its snapshots priced them at differ`],
        route: { team: now.team },
        basis: `Heroku, ${day} (UTC day), estimated: the formation and add-ons in the bot's daily snapshot${taken ? ` (taken ${taken} UTC)` : ''} at Heroku list prices (a month's price ÷ 30 a day), not Heroku's invoice. ${DETECTION_METHOD}`,
      }),
    );
  }
  return findings;
}

export function awsFindings(data: AlertData, minImpactCents: number): AnomalyFinding[] {
  const aws = data.aws;
  const day = aws?.days.at(-1);
  if (!aws || !day) return [];
  const findings: AnomalyFinding[] = [];
  for (const service of Object.keys(aws.byService).sort()) {
    const found = detectService(`aws-service:${service}`, aws.byService[service]!, aws.days, day, minImpactCents);
    if (!found) continue;
    const { monthly } = found;
    // Charges booked monthly are explained against the previous 1st, not against a usual day of $0.
    const costs = usageTypeDayCents(aws, service);
    const daily = monthly
      ? Object.fromEntries(Object.entries(costs).filter(([type]) => !monthly.usageTypes.includes(type)))
      : costs;
    const moves = usageTypeMovers(service, daily, day);
    const estimated = aws.estimatedDays.includes(day);
    // What rose first; the charges booked monthly after, as they stand against the previous 1st.
    const why = [
      ...(moves.length
        ? moves.map(usageTypeWords)
        : monthly
          ? []
          : ['no single usage type rose; several moved a little']),
      ...(monthly ? [monthlyChargesWords(service, monthly)] : []),
    ];
    findings.push(
      ownFinding(found, {
        platform: 'aws',
        title: `AWS ${service}`,
        why,
        route: {},
        ...(monthly ? { monthly } : {}),
        basis: `AWS, ${day} (UTC day), Cost Explorer usage before credits and refunds${estimated ? ', estimated: it can still change' : ''}, as of ${aws.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC. ${DETECTION_METHOD}${monthly ? ` ${FIRST_OF_MONTH_METHOD}` : ''}`,
      }),
    );
  }
  return findings;
}

const monitorName = (arn: string) => arn.split('/').at(-1) || arn;

/** Cost Anomaly Detection's findings that started in the last week and nobody has given feedback on. */
export async function costAnomalyFindings(services: Services, data: AlertData): Promise<AnomalyFinding[]> {
  const aws = services.sources.aws;
  if (!aws) return [];
  const answer = await costAnomalies(aws, { start: addDays(data.today, -7), end: data.today }, ALERT_DATA_MAX_AGE_MS);
  return answer.value
    .filter((anomaly) => !anomaly.Feedback)
    .map((anomaly): AnomalyFinding => {
      const day = (anomaly.AnomalyStartDate ?? data.today).slice(0, 10);
      const cents = (amount: number | undefined) => (amount === undefined ? undefined : toCents(usd(String(amount))));
      const actual = cents(anomaly.Impact.TotalActualSpend);
      const expected = cents(anomaly.Impact.TotalExpectedSpend);
      // TotalImpact is actual − expected (ce-service-2.json): from the rounded two, so the three foot. Only
      // MaxImpact is sure to be sent, and it is one day's, never called a total.
      const spend = actual !== undefined && expected !== undefined ? { actual, expected } : undefined;
      const total = spend ? spend.actual - spend.expected : cents(anomaly.Impact.TotalImpact);
      const impact = total ?? cents(anomaly.Impact.MaxImpact)!;
      const end = anomaly.AnomalyEndDate?.slice(0, 10);
      const causes = (anomaly.RootCauses ?? []).map((cause) => {
        const where = [
          cause.Region,
          cause.LinkedAccount
            ? `account ${cause.LinkedAccount}${cause.LinkedAccountName ? ` (${cause.LinkedAccountName})` : ''}`
            : '',
        ]
          .filter(Boolean)
          .join(', ');
        const share = cause.Impact ? `: ${formatUsd(usd(String(cause.Impact.Contribution)))} of the impact` : '';
        return `${[cause.Service, cause.UsageType].filter(Boolean).join(' / ') || 'unnamed cause'}${where ? ` in ${where}` : ''}${share}`;
      });
      const account = anomaly.RootCauses?.find((cause) => cause.LinkedAccount)?.LinkedAccount;
      const services = [...new Set((anomaly.RootCauses ?? []).flatMap((cause) => cause.Service ?? []))];
      return {
        id: `ce-anomaly:${anomaly.AnomalyId}@${day}`,
        subject: `ce-anomaly:${anomaly.AnomalyId}`,
        day,
        platform: 'aws',
        title: `AWS ${anomaly.DimensionValue ?? anomaly.RootCauses?.[0]?.Service ?? 'spend'}`,
        detector: `AWS Cost Anomaly Detection (monitor ${monitorName(anomaly.MonitorArn)}, score ${anomaly.AnomalyScore.MaxScore})`,
        dayCents: spend?.actual ?? 0,
        baselineCents: spend?.expected ?? 0,
        impactCents: impact,
        ce: {
          impact: total === undefined ? 'largest-day' : 'total',
          spendKnown: Boolean(spend),
          ...(end ? { end } : {}),
        },
        why: causes.length ? causes : ['Cost Anomaly Detection named no root cause'],
        route: account ? { account } : {},
        ceAnomalyId: anomaly.AnomalyId,
        ...(services.length === 1 ? { snoozeSubject: `aws-service:${services[0]}` } : {}),
        basis: `AWS Cost Anomaly Detection, from ${day}${end ? ` to ${end}` : ' (still going)'}: ${total === undefined ? `largest one-day impact ${formatUsd(fromCents(impact))} (it gave no total)` : `total impact ${formatUsd(fromCents(impact))} against expected spend`}, as listed at ${answer.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      };
    });
}
