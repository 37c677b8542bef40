import { type MigrateReport, type ReportSection, rowFigure } from '../answers/migrate-report';

function sectionText(section: ReportSection): string[] {
  return [
    section.heading,
    ...(section.description ? [`  ${section.description}`] : []),
    ...section.rows.map((row) => `    ${row.label}: ${rowFigure(row, section.once)}`),
    `  Total, ${section.total.label}: ${rowFigure(section.total, section.once)}`,
    ...section.leftOut.map((item) => `  Not in this total: ${item}`),
  ];
}

/** A migration answer for a terminal: the Slack answer's sections, then every app, then the small print. */
export function migrateReportText(report: MigrateReport): string {
  const lines = [report.title, ...report.lead];
  for (const section of [...report.sections, ...report.detail]) lines.push('', ...sectionText(section));
  lines.push('', 'Largest drivers:', ...report.drivers.map((d) => `  - ${d}`));
  lines.push('', 'Assumptions:', ...report.assumptions.map((a) => `  - ${a}`));
  lines.push(
    '',
    'Sources:',
    ...report.sources.map((s) => `  - ${s}`),
    "  - Every line's source and exact amount: --json",
  );
  return lines.map((line) => line.replace(/`/g, '')).join('\n');
}
