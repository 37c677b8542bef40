import {
  type ExportMeta,
  evaluateInventory,
  evaluateWorkload,
  type Finding,
  type Framework,
  getFramework,
  type LiveInventory,
  parseComplianceArgs,
} from '../core/compliance';
import { parseEstimate } from '../core/estimate';
import type { Catalog } from '../core/pricing';
import type { Platform } from '../core/workload';

/**
 * The answer to "are we compliant?". From the words a person typed to a checklist the adapters can render or export: parse with the
 * compliance core, read the workload with the estimate grammar, evaluate with the core. No Slack
 * here (the CLI uses it too), and nothing is decided that the core does not already decide.
 */

/** A checklist ready to show or export. */
export interface ComplianceChecklist {
  framework: Framework;
  /** Absent for the general checklist (nothing evaluated). */
  findings?: Finding[];
  meta: ExportMeta;
  /** The words that reproduce it, e.g. `hipaa heroku web=2xstandard-2x`: what the export buttons carry. */
  words: string;
}

export type ComplianceRequest =
  | { kind: 'checklist'; checklist: ComplianceChecklist }
  /** `live`: the adapter reads the inventory (when connected) and calls checklistFromInventory. */
  | { kind: 'live'; framework: Framework; platform?: Platform }
  | { kind: 'refused'; message: string };

export interface ResolveOptions {
  catalog: Catalog;
  now: Date;
  /** How the user types the command, for examples: `/hosting compliance`, `npx hosting-advisor compliance`. */
  command: string;
}

const WORKLOAD_EXAMPLE = 'hipaa heroku web=2xstandard-2x postgres=standard-0';

/** `2026-06-01`: checklists are dated by day. */
function generatedAt(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function resolveCompliance(text: string, options: ResolveOptions): ComplianceRequest {
  const { catalog, now, command } = options;
  const args = parseComplianceArgs(text, { command });
  if (!args.ok) return { kind: 'refused', message: args.message };
  const { framework, platform, workloadText } = args;
  if (args.live) return { kind: 'live', framework, ...(platform === undefined ? {} : { platform }) };

  const words = [framework.id, platform, workloadText].filter(Boolean).join(' ');
  const date = generatedAt(now);
  if (workloadText === undefined) {
    const meta: ExportMeta = { generatedAt: date, ...(platform === undefined ? {} : { platforms: [platform] }) };
    return { kind: 'checklist', checklist: { framework, meta, words } };
  }

  // The estimate grammar reads AWS sizes only after `aws`, which the compliance words have already taken.
  const parsed = parseEstimate([platform, workloadText].filter(Boolean).join(' '), catalog);
  if (!parsed.ok) {
    return {
      kind: 'refused',
      message: `${parsed.message}\nA checklist against a workload looks like \`${command} ${WORKLOAD_EXAMPLE}\`.`,
    };
  }
  const { request } = parsed;
  if (request.kind === 'app') return { kind: 'refused', message: liveAppMessage(request.app, framework, command) };
  if (request.kind === 'form') {
    return { kind: 'checklist', checklist: { framework, meta: { generatedAt: date }, words: framework.id } };
  }
  // A workload is evaluated where it is described: Heroku sizes on Heroku, AWS sizes on AWS.
  const { workload } = request;
  return {
    kind: 'checklist',
    checklist: {
      framework,
      findings: evaluateWorkload(framework, workload),
      meta: { generatedAt: date, subject: workloadText, platforms: [workload.origin] },
      words,
    },
  };
}

/**
 * The estimate's words behind its "Compliance checklist" button: they may start with a framework
 * (`pci web=…`); otherwise the framework is the one the workload asks for (`… pci`), HIPAA by default.
 */
export function resolveFromEstimateWords(words: string, options: ResolveOptions): ComplianceRequest {
  const first = words.trim().split(/\s+/)[0] ?? '';
  if (getFramework(first) !== undefined) return resolveCompliance(words, options);
  const parsed = parseEstimate(words, options.catalog);
  const needs = parsed.ok && parsed.request.kind === 'workload' ? parsed.request.workload.compliance : [];
  const framework = needs.includes('pci') && !needs.includes('hipaa') ? 'pci' : 'hipaa';
  return resolveCompliance(`${framework} ${words}`, options);
}

/** The seam for the live inventory: the same checklist, evaluated against what the sources saw. */
export function checklistFromInventory(
  framework: Framework,
  inventory: LiveInventory,
  options: { now: Date; platform?: Platform },
): ComplianceChecklist {
  const platforms = options.platform === undefined ? undefined : [options.platform];
  return {
    framework,
    findings: evaluateInventory(framework, inventory, platforms === undefined ? {} : { platforms }),
    meta: {
      generatedAt: generatedAt(options.now),
      subject: 'live inventory',
      ...(platforms === undefined ? {} : { platforms }),
    },
    words: [framework.id, options.platform, 'live'].filter(Boolean).join(' '),
  };
}

export function liveNotConnectedMessage(framework: Framework, command: string): string {
  return [
    `A live ${framework.name} checklist reads what actually runs in your accounts. It needs HEROKU_API_TOKEN (for Heroku) or AWS credentials (for AWS) set where Hosting Advisor runs, and it is for hosting leads; the live inventory is not connected here yet.`,
    `Meanwhile, check a described workload: \`${command} ${framework.id} heroku web=2xstandard-2x postgres=standard-0\`.`,
  ].join('\n');
}

function liveAppMessage(app: string, framework: Framework, command: string): string {
  return [
    `Checking the live Heroku app \`${app}\` needs HEROKU_API_TOKEN and comes with the live inventory, which is not connected here yet.`,
    `Meanwhile, describe its formation: \`${command} ${framework.id} heroku web=2xstandard-2x postgres=standard-0\`.`,
  ].join('\n');
}
