/** Anomaly messages in words: one summary a day for the channel, one detail per anomaly in its thread. */
import { formatUsd, fromCents } from '../core/money';
import type { AlertView } from './alert-view';
import type { AnomalyFinding } from './anomaly-scan';

const usd = (cents: number) => formatUsd(fromCents(cents));

export function anomalySummaryView(findings: readonly AnomalyFinding[], today: string): AlertView {
  const total = findings.reduce((sum, finding) => sum + finding.impactCents, 0);
  const count = findings.length === 1 ? '1 cost anomaly' : `${findings.length} cost anomalies`;
  return {
    headline: `${count} found on ${today}, +${usd(total)} above a usual day: ${findings
      .slice(0, 3)
      .map((finding) => `${finding.title} +${usd(finding.impactCents)}`)
      .join(
        '; ',
      )}${findings.length > 3 ? `; and ${findings.length - 3} more` : ''}. Details and buttons in the thread.`,
    lines: [],
    basis: [],
  };
}

export function anomalyDetailView(finding: AnomalyFinding): AlertView {
  const headline = finding.ceAnomalyId
    ? `${finding.title}: ${usd(finding.dayCents)} spent since ${finding.day} against ${usd(finding.baselineCents)} expected, +${usd(finding.impactCents)} impact`
    : `${finding.title}: ${usd(finding.dayCents)} on ${finding.day} against a usual ${usd(finding.baselineCents)}, +${usd(finding.impactCents)} that day`;
  return {
    headline,
    lines: [`Found by: ${finding.detector}`, ...finding.why.map((line) => `Why: ${line}`)],
    basis: [finding.basis],
    buttons: { alertId: finding.id, ceFeedback: Boolean(finding.ceAnomalyId) },
  };
}
