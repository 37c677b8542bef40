import type { SpendReport } from '../answers/spend';

/** A spend answer for a terminal: the same lines as in Slack, without emphasis or code quotes. */
export function spendReportPlainText(report: SpendReport): string {
  const lines = [report.title];
  for (const section of report.sections) {
    lines.push('', section.heading);
    const { headline } = section;
    if (headline) {
      const estimated = headline.estimated === undefined ? '' : ` — estimated (${headline.estimated})`;
      lines.push(`${headline.figure} ${headline.text}${estimated}`);
    }
    lines.push(...section.lines.map((line) => (section.failed ? `WARNING: ${line}` : line)), ...section.notes);
  }
  return lines.map((line) => line.replace(/`/g, '')).join('\n');
}
