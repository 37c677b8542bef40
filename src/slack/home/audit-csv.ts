import { toCsvText } from '../../core/compliance/csv';
import type { AuditEntry } from '../../store/store';

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const inert = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The audit log as RFC 4180 CSV: at (ISO, UTC), actor, action, detail. Pure. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  return toCsvText([
    ['at', 'actor', 'action', 'detail'],
    ...entries.map((entry) => [entry.at.toISOString(), entry.actor, entry.action, entry.detail].map(inert)),
  ]);
}
