import { buildChecklist, ELIGIBILITY_NOTE, type ExportMeta, STATUS_LABEL, summaryLines } from './checklist';
import { PLATFORM_LABEL } from './phrases';
import type { Finding, Framework } from './types';

/** Backslash-escapes what Markdown would read as emphasis, code, links, HTML or table cells (`shield-*`, `iam_*`). */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (char) => `\\${char}`);
}

export function toMarkdown(framework: Framework, findings: readonly Finding[] | undefined, meta: ExportMeta): string {
  const lines: string[] = [`# ${md(framework.name)} checklist`, ''];
  const facts = [md(framework.version), meta.subject && `for ${md(meta.subject)}`, `generated ${md(meta.generatedAt)}`];
  lines.push(`*${facts.filter(Boolean).join(' · ')}*`, '');
  if (meta.notes?.length) lines.push(...meta.notes.map((note) => `- ${md(note)}`), '');
  lines.push(`> ${md(ELIGIBILITY_NOTE)}`, '');
  const summary = summaryLines(findings, meta, (platform) => PLATFORM_LABEL[platform]);
  if (summary.length > 0) lines.push(`**Findings:** ${md(summary.join('; '))}`, '');

  for (const group of buildChecklist(framework, findings, meta)) {
    lines.push(`## ${md(group.name)}`, '');
    for (const { control, platforms } of group.entries) {
      lines.push(`### ${md(control.title)} (${md(control.id)})`, '');
      lines.push(`- **Cite:** ${md(control.citation)}`, `- **Why it matters:** ${md(control.why)}`);
      for (const { platform, answer, findings: own, status } of platforms) {
        const heading =
          status === undefined ? PLATFORM_LABEL[platform] : `${PLATFORM_LABEL[platform]}: ${STATUS_LABEL[status]}`;
        lines.push(`- **${heading}**`);
        lines.push(`  - How: ${md(answer.how)}`, `  - Evidence: ${md(answer.evidence)}`);
        for (const finding of own) lines.push(`  - Finding (${STATUS_LABEL[finding.status]}): ${md(finding.detail)}`);
        lines.push(`  - Your share: ${md(answer.customerShare)}`);
      }
      lines.push(`- **Cost:** ${md(control.cost)}`, `- **Verify:** ${md(control.verify)}`);
      if (control.unconfirmed !== undefined) lines.push(`- **Unconfirmed:** ${md(control.unconfirmed)}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}
