import { buildChecklist, ELIGIBILITY_NOTE, type ExportMeta, STATUS_LABEL, summaryLines } from './checklist';
import { PLATFORM_LABEL } from './phrases';
import type { Finding, Framework } from './types';

/**
 * The checklist for a terminal, grouped: requirement → how each platform meets it → evidence →
 * what to do (the finding, then the customer's share).
 */
export function renderComplianceText(
  framework: Framework,
  findings: readonly Finding[] | undefined,
  meta: ExportMeta,
): string {
  const lines = [`${framework.name} (${framework.version}): hosting checklist`];
  lines.push([meta.subject && `For: ${meta.subject}`, `Generated: ${meta.generatedAt}`].filter(Boolean).join('   '));
  lines.push(ELIGIBILITY_NOTE);
  const summary = summaryLines(findings, meta, (platform) => PLATFORM_LABEL[platform]);
  if (summary.length > 0) lines.push(`Findings: ${summary.join('; ')}`);

  for (const group of buildChecklist(framework, findings, meta)) {
    lines.push('', group.name.toUpperCase());
    for (const { control, platforms } of group.entries) {
      lines.push('', `[${control.id}] ${control.title}`, `  Cite: ${control.citation}`, `  Why: ${control.why}`);
      for (const { platform, answer, findings: own, status } of platforms) {
        lines.push(`  ${PLATFORM_LABEL[platform]}${status === undefined ? '' : ` [${STATUS_LABEL[status]}]`}`);
        lines.push(`    How: ${answer.how}`, `    Evidence: ${answer.evidence}`);
        for (const finding of own) lines.push(`    Finding (${STATUS_LABEL[finding.status]}): ${finding.detail}`);
        lines.push(`    To do: ${answer.customerShare}`);
      }
      lines.push(`  Cost: ${control.cost}`, `  Verify: ${control.verify}`);
      if (control.unconfirmed !== undefined) lines.push(`  Unconfirmed: ${control.unconfirmed}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
