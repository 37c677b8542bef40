export type { ChecklistEntry, ChecklistGroup, ChecklistPlatform, ExportMeta } from './checklist';
export { buildChecklist } from './checklist';
export { toCsvText } from './csv';
export { type EvaluateInventoryOptions, evaluateInventory } from './evaluate-inventory';
export { evaluateWorkload } from './evaluate-workload';
export { CSV_COLUMNS, toCsv } from './export-csv';
export { toJson } from './export-json';
export { toMarkdown } from './export-markdown';
export type {
  AwsInventory,
  HerokuAddOnInventory,
  HerokuAppInventory,
  HerokuInventory,
  HerokuMemberInventory,
  LiveInventory,
  PlanCompliance,
} from './inventory';
export { type ComplianceArgs, type ParseComplianceOptions, parseComplianceArgs } from './parse-args';
export { getFramework, listFrameworks } from './registry';
export { renderComplianceText } from './render-text';
export type {
  AwsCheckId,
  CheckResult,
  Control,
  Finding,
  FindingStatus,
  Framework,
  FrameworkId,
  HerokuCheckId,
  PlatformAnswer,
} from './types';
