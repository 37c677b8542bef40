/** Anomaly messages in words: one summary a day for the channel, one detail per anomaly in its thread. */
import { formatUsd, fromCents } from '../core/money';
import { neutraliseMarkup } from '../core/user-text';
import type { AlertView } from './alert-view';
import type { AnomalyFinding } from './anomaly-scan';
import { signedUsd } from './change-words';

const usd = (cents: number) => formatUsd(fromCents(cents));

/**
 * What a finding's day was compared with, as the detail says it: on a 1st, a usual day and the charges
 * AWS books monthly as on the previous 1st, so a summary read alone does not say "a usual day" of a
 * figure that includes a month's fees.
 */
const expectedWords = (finding: AnomalyFinding) =>
  finding.monthly ? `a usual day and the charges booked monthly on ${finding.monthly.previousFirst}` : 'a usual day';

export function anomalySummaryView(findings: readonly AnomalyFinding[], today: string): AlertView {
  const count = findings.length === 1 ? '1 cost anomaly' : `${findings.length} cost anomalies`;
  const more = findings.length > 3 ? `; and ${findings.length - 3} more` : '';
  // The largest first: the three named are the ones that cost most.
  const byImpact = [...findings].sort((a, b) => b.impactCents - a.impactCents);
  const shown = byImpact.slice(0, 3);
  // Cost Anomaly Detection's impact is a total over its days, so it is never added to one day's excess.
  const mixed = findings.some((finding) => finding.ceAnomalyId);
  if (!mixed) {
    const total = findings.reduce((sum, finding) => sum + finding.impactCents, 0);
    // Heroku's day is today's snapshot, AWS's the latest whole day: each figure says its day when they differ.
    const oneDay = findings.every((finding) => finding.day === findings[0]!.day);
    const items = shown
      .map((finding) => `${finding.title} +${usd(finding.impactCents)}${oneDay ? '' : ` on ${finding.day}`}`)
      .join('; ');
    const monthly = findings.find((finding) => finding.monthly);
    const onDay = findings[0]!.day === today ? '' : ` on ${findings[0]!.day}`;
    const above = oneDay
      ? monthly
        ? `+${usd(total)} above the expected cost${onDay} (${expectedWords(monthly)})`
        : `+${usd(total)} above a usual day${onDay}`
      : monthly
        ? `+${usd(total)} in all, each above its expected cost (on ${monthly.day}: ${expectedWords(monthly)}; on other days: a usual day)`
        : `+${usd(total)} in all, each above its usual day`;
    // The total foots to the lines shown: the ones not shown are given as one amount.
    const rest = byImpact.slice(3).reduce((sum, finding) => sum + finding.impactCents, 0);
    const restSaid = more && ` (+${usd(rest)})`;
    return {
      headline: `${count} found on ${today}, ${above}: ${items}${more}${restSaid}. Details and buttons in the thread.`,
      lines: [],
      basis: [],
    };
  }
  const item = (finding: AnomalyFinding) =>
    finding.ceAnomalyId
      ? `${finding.title} +${usd(finding.impactCents)} ${ceImpactWords(finding)} (AWS Cost Anomaly Detection)`
      : finding.monthly
        ? `${finding.title} +${usd(finding.impactCents)} above the expected cost (${finding.day}: ${expectedWords(finding)})`
        : `${finding.title} +${usd(finding.impactCents)} above a usual day (${finding.day})`;
  return {
    headline: `${count} found on ${today}: ${shown.map(item).join('; ')}${more}. Details and buttons in the thread.`,
    lines: [],
    basis: [],
  };
}

/** The days of a Cost Anomaly Detection finding: `from 2026-11-15 to 2026-11-16`, or `since 2026-11-15`. */
const ceDays = (finding: AnomalyFinding) =>
  finding.ce?.end && finding.ce.end !== finding.day
    ? `from ${finding.day} to ${finding.ce.end}`
    : `since ${finding.day}`;

/** `in total since 2026-11-15`, or `on its costliest day, from … to …` when AWS sent no total. */
const ceImpactWords = (finding: AnomalyFinding) =>
  finding.ce?.impact === 'largest-day' ? `on its costliest day, ${ceDays(finding)}` : `in total ${ceDays(finding)}`;

export function anomalyDetailView(finding: AnomalyFinding): AlertView {
  const { monthly } = finding;
  const headline = monthly
    ? `${finding.title}: ${usd(finding.dayCents)} on ${finding.day} against an expected ${usd(finding.baselineCents)} (a usual day's ${usd(finding.baselineCents - monthly.previousCents)} and ${usd(monthly.previousCents)} booked monthly on ${monthly.previousFirst}), ${signedUsd(finding.impactCents)} that day`
    : !finding.ceAnomalyId
      ? `${finding.title}: ${usd(finding.dayCents)} on ${finding.day} against a usual ${usd(finding.baselineCents)}, +${usd(finding.impactCents)} that day`
      : finding.ce?.spendKnown === false
        ? `${finding.title}: +${usd(finding.impactCents)} ${ceImpactWords(finding)} (Cost Anomaly Detection gave no actual or expected spend)`
        : `${finding.title}: ${usd(finding.dayCents)} spent ${ceDays(finding)} against ${usd(finding.baselineCents)} expected, +${usd(finding.impactCents)} impact`;
  return {
    headline,
    lines: [`Found by: ${finding.detector}`, ...finding.why.map((line) => `Why: ${line}`)],
    basis: [finding.basis],
    buttons: { alertId: finding.id, ceFeedback: Boolean(finding.ceAnomalyId) },
  };
}

/**
 * What every lead is told privately when today's anomalies have no channel to go to (no route claims
 * them and neither the alerts nor the digest channel is set): the summary, each detail in its thread
 * with its buttons, so none is lost; a summary belongs to its day and is not posted later.
 */
export function anomalyNowhereNotice(findings: readonly AnomalyFinding[], today: string): string {
  const one = findings.length === 1;
  return [
    `Hosting Advisor found ${one ? 'a cost anomaly' : `${findings.length} cost anomalies`} today with no channel to post ${one ? 'it' : 'them'} to:`,
    // The headline names apps and services as they are called: shown as text, it pings no lead.
    `> ${neutraliseMarkup(anomalySummaryView(findings, today).headline)}`,
    `${one ? 'Its detail is' : 'Each detail is'} in this message's thread, with the buttons to act on ${one ? 'it' : 'them'}.`,
    'To send alerts to a channel: `/hosting alerts channel=#…` for everything, or `/hosting alerts route …` for a team, account or tag.',
  ].join('\n');
}
