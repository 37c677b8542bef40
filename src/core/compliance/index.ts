export type { ChecklistEntry, ChecklistGroup, ExportMeta } from './checklist';
export { buildChecklist } from './checklist';

export { evaluateInventory, evaluateInventorySteps } from './evaluate-inventory';
export { evaluateWorkload } from './evaluate-workload';
export { CSV_COLUMNS, toCsv } from './export-csv';
export { toJson } from './export-json';
export { toMarkdown } from './export-markdown';
export type { LiveInventory } from './inventory';
export { parseComplianceArgs } from './parse-args';
export { getFramework, listFrameworks } from './registry';
export { renderComplianceText } from './render-text';
export type { Control, Finding, FindingStatus, Framework } from './types';
