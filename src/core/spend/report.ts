/** A spend answer as plain data: sections of mrkdwn lines, rendered to Block Kit or to text. */

export interface SpendSection {
  heading: string;
  /** Slack mrkdwn lines. */
  lines: string[];
  /** Small print: metric, as of, cached/stale, estimated. */
  notes: string[];
  /** True when the section shows cost figures (so the view is audited). */
  hasFigures: boolean;
}

export interface SpendReport {
  title: string;
  sections: SpendSection[];
}

export const reportHasFigures = (report: SpendReport): boolean => report.sections.some((s) => s.hasFigures);

/** The whole report as mrkdwn text (Slack's fallback). */
export function spendReportText(report: SpendReport): string {
  return [
    report.title,
    ...report.sections.flatMap((section) => [
      '',
      `*${section.heading}*`,
      ...section.lines,
      ...section.notes.map((n) => `_${n}_`),
    ]),
  ].join('\n');
}

/** The same without mrkdwn emphasis, for a terminal. */
export function spendReportPlainText(report: SpendReport): string {
  return spendReportText(report)
    .split('\n')
    .map((line) => line.replace(/(^|[\s(])[*_]([^*_\n]+)[*_](?=[\s).,:;]|$)/g, '$1$2').replace(/`/g, ''))
    .join('\n');
}
