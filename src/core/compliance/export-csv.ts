import { buildChecklist, type ExportMeta } from './checklist';
import { toCsvText } from './csv';
import type { Finding, Framework } from './types';

export const CSV_COLUMNS = [
  'generated_at',
  'framework',
  'group',
  'control_id',
  'title',
  'citation',
  'why',
  'platform',
  'status',
  'finding',
  'how',
  'customer_share',
  'evidence',
  'cost',
  'verify',
  'unconfirmed',
  'subject',
  'notes',
] as const;

/**
 * One row per control and platform (one per finding when there are several), with a header row.
 * Each row also says what was checked (`subject`) and what the findings stand on (`notes`), so a
 * row read on its own in a spreadsheet is not mistaken for a check of something else.
 */
export function toCsv(framework: Framework, findings: readonly Finding[] | undefined, meta: ExportMeta): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const group of buildChecklist(framework, findings, meta)) {
    for (const { control, platforms } of group.entries) {
      for (const { platform, answer, findings: own } of platforms) {
        const outcomes = own.length === 0 ? [{ status: '', detail: '' }] : own;
        for (const outcome of outcomes) {
          rows.push([
            meta.generatedAt,
            `${framework.name} ${framework.version}`,
            group.name,
            control.id,
            control.title,
            control.citation,
            control.why,
            platform,
            outcome.status,
            outcome.detail,
            answer.how,
            answer.customerShare,
            answer.evidence,
            control.cost,
            control.verify,
            control.unconfirmed ?? '',
            meta.subject ?? '',
            (meta.notes ?? []).join('\n'),
          ]);
        }
      }
    }
  }
  return toCsvText(rows);
}
