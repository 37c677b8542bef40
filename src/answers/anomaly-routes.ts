/**
 * Where the bot's own AWS anomalies go: a service's anomaly follows the routes leads set for AWS
 * linked accounts and cost-allocation tags (`/hosting alerts route account=… | tag:KEY=VALUE …`), as a
 * Heroku app's follows its team's. The daily request groups by service and usage type (two keys at
 * most), so it cannot say which account or tag a service's cost is in: only when a new AWS anomaly is
 * found and such routes exist, one more request per routed dimension (by service and account, by
 * service and each routed tag key; $0.01 each) says it; the tag keys are not asked once account routes
 * claim every such anomaly. The anomaly goes to the account (then the
 * tag value) whose cost of that service rose most that day against its usual day, when that account
 * or tag is routed; else to the alerts channel, as before.
 * Cost Anomaly Detection's own findings route by the linked account their root causes name.
 */
import { usageTypeMovers } from '../core/alerts/aws-movers';
import { type Routes, type RouteTarget, routeFor } from '../core/alerts/routing';
import { toCents, usd } from '../core/money';
import type { Services } from '../services';
import { dailyByServiceAndAccountOrTag, SERVICE_USAGE_SEPARATOR } from '../sources/aws/alert-queries';
import { errorText, SourceError } from '../sources/source-error';
import { ALERT_DATA_MAX_AGE_MS, type AlertData } from './alert-data';
import type { AnomalyFinding } from './anomaly-scan';
import { signedUsd } from './change-words';

const AWS_SERVICE = 'aws-service:';

/** key → day → cents of one service, every day of `days` present (a day missing cost $0). */
function serviceCents(
  byKey: Record<string, Record<string, string>>,
  service: string,
  days: readonly string[],
): Record<string, Record<string, number>> {
  const prefix = `${service}${SERVICE_USAGE_SEPARATOR}`;
  return Object.fromEntries(
    Object.entries(byKey)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, perDay]) => [
        key.slice(prefix.length),
        Object.fromEntries(days.map((day) => [day, toCents(usd(perDay[day] ?? '0'))])),
      ]),
  );
}

/** The key whose cost rose most on `day` against its usual day (the same comparison as the usage types'). */
function roseMost(costs: Record<string, Record<string, number>>, day: string) {
  const [move] = usageTypeMovers('', costs, day, 1);
  return move && { key: move.usageType, deltaCents: move.deltaCents };
}

/**
 * The bot's own AWS findings with their route set where an account or tag route claims them; problems
 * reading Cost Explorer leave them to the alerts channel, said in `problems`.
 */
export async function routeAwsFindings(
  services: Services,
  data: AlertData,
  routes: Routes,
  findings: readonly AnomalyFinding[],
): Promise<{ findings: AnomalyFinding[]; problems: string[] }> {
  const own = findings.filter((finding) => finding.platform === 'aws' && !finding.ceAnomalyId);
  const aws = services.sources.aws;
  const tagKeys = [...new Set(Object.keys(routes.tag).map((tag) => tag.slice(0, tag.indexOf('='))))].sort();
  const dimensions: ('account' | { tag: string })[] = [
    ...(Object.keys(routes.account).length ? ['account' as const] : []),
    ...tagKeys.map((tag) => ({ tag })),
  ];
  if (!aws || !data.aws || own.length === 0 || dimensions.length === 0)
    return { findings: [...findings], problems: [] };
  const period = { start: data.aws.days[0]!, end: data.today };
  const days = data.aws.days;
  const problems: string[] = [];
  /** The dimensions Cost Explorer did not answer for, in words, for the alert's note. */
  const unread: string[] = [];
  const targets = new Map<AnomalyFinding, RouteTarget>();
  /** How much the account's or tag value's cost rose, for the words. */
  const rises = new Map<string, number>();
  /** Whether an account route claims the finding: routeFor takes it before any tag, so its tags are not asked. */
  const claimedByAccount = (finding: AnomalyFinding) => {
    const account = targets.get(finding)?.account;
    return Boolean(account && routes.account[account]);
  };
  for (const by of dimensions) {
    // The account request comes first: once account routes claim every finding, a request by tag
    // ($0.01 each) could change nothing.
    if (by !== 'account' && own.every(claimedByAccount)) break;
    let byKey: Record<string, Record<string, string>>;
    try {
      byKey = (await dailyByServiceAndAccountOrTag(aws, period, by, ALERT_DATA_MAX_AGE_MS)).value.byKey;
    } catch (error) {
      const what = by === 'account' ? 'linked account' : `tag ${by.tag}`;
      problems.push(`could not read AWS cost by ${what}, so AWS anomalies are not routed by it: ${errorText(error)}`);
      unread.push(`by ${what} (${failureWords(error)})`);
      continue;
    }
    for (const finding of own) {
      const service = finding.subject.slice(AWS_SERVICE.length);
      const rose = roseMost(serviceCents(byKey, service, days), finding.day);
      if (!rose) continue;
      const target = targets.get(finding) ?? {};
      if (by === 'account') target.account = rose.key;
      else if (!target.tag && routes.tag[`${by.tag}=${rose.key}`]) target.tag = { key: by.tag, value: rose.key };
      else continue;
      rises.set(`${finding.id}\u0000${by === 'account' ? 'account' : by.tag}`, rose.deltaCents);
      targets.set(finding, target);
    }
  }
  // Said in the alert when a request failed: a lead reading it in the alerts channel sees why it is
  // not in a routed channel, and that the anomaly itself is whole.
  const unreadWords = unread.length
    ? ` The bot could not ask Cost Explorer where this service's cost is ${unread.join(' and ')}, so`
    : '';
  return {
    findings: findings.map((finding) => {
      if (!own.includes(finding)) return finding;
      const target = targets.get(finding);
      if (!target || !routeFor(routes, target))
        return unreadWords
          ? {
              ...finding,
              basis: `${finding.basis}${unreadWords} it was not routed and went where alerts no route claims go.`,
            }
          : finding;
      // Said in the alert: a lead in that channel sees why an AWS service's anomaly came to them.
      const byAccount = claimedByAccount(finding);
      const by = byAccount ? `AWS account ${target.account}` : `tag ${target.tag!.key}=${target.tag!.value}`;
      const rise = rises.get(`${finding.id}\u0000${byAccount ? 'account' : target.tag!.key}`)!;
      return {
        ...finding,
        route: target,
        basis: `${finding.basis} Sent to the channel routed for ${by}: of this service's cost, ${byAccount ? "that account's" : "that tag value's"} rose most that day (${signedUsd(rise)} against its usual day).${unreadWords ? `${unreadWords} routes by ${unread.length === 1 ? 'it were' : 'them were'} not checked.` : ''}`,
      };
    }),
    problems,
  };
}

/** Why a routing request failed, in a few plain words (the full text is in the log). */
function failureWords(error: unknown): string {
  if (!(error instanceof SourceError)) return 'it failed';
  if (error.kind === 'throttled') return 'Cost Explorer was throttling requests';
  if (error.kind === 'unavailable' || error.kind === 'timeout') return 'Cost Explorer was unavailable';
  if (error.kind === 'permission') return 'AWS denied the request';
  return 'it failed';
}
