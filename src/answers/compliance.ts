import {
  type ExportMeta,
  evaluateWorkload,
  type Finding,
  type Framework,
  getFramework,
  parseComplianceArgs,
} from '../core/compliance';
import { PLATFORM_LABEL } from '../core/compliance/phrases';
import { withEstimatePrices } from '../core/compliance/priced-by-estimate';
import { pricedFramework } from '../core/compliance/priced-costs';
import { parseEstimate } from '../core/estimate';
import { estimate, pricedWorkloads } from '../core/model';
import type { Catalog } from '../core/pricing';
import type { Platform } from '../core/workload';

/**
 * The answer to "are we compliant?". From the words a person typed to a checklist the adapters can
 * render or export: parse with the compliance core, read the workload with the estimate grammar,
 * evaluate with the core. `live` and `app=NAME` are read from the live sources by
 * compliance-live.ts. No Slack here (the CLI uses it too), and nothing is decided that the core
 * does not already decide.
 */

/** A checklist ready to show or export. */
export interface ComplianceChecklist {
  framework: Framework;
  /** Absent for the general checklist (nothing evaluated). */
  findings?: Finding[];
  meta: ExportMeta;
  /** The words that reproduce it, e.g. `hipaa heroku web=2xstandard-2x`: what the buttons carry. */
  words: string;
  /** What the findings stand on, in sentences: when live data was read, what an estimate priced. */
  notes?: string[];
  /** Evaluated against what runs now: each gap's finding names the apps or people concerned. */
  live?: boolean;
  /**
   * Platforms of a live checklist that could not be read, and why (also in `notes`): their findings
   * stand on nothing, so no count or "no gaps" may speak for them.
   */
  unread?: { platform: Platform; why: string }[];
}

/** `live` (the whole inventory) or `app=NAME` (one live Heroku app): read by answerLiveCompliance. */
export interface LiveComplianceRequest {
  framework: Framework;
  platform?: Platform;
  app?: string;
}

export type ComplianceRequest =
  | { kind: 'checklist'; checklist: ComplianceChecklist }
  | ({ kind: 'live' } & LiveComplianceRequest)
  | { kind: 'refused'; message: string };

export interface ResolveOptions {
  catalog: Catalog;
  now: Date;
  /** How the user types the command, for examples: `/hosting compliance`, `npx hosting-advisor compliance`. */
  command: string;
}

const WORKLOAD_EXAMPLE = 'hipaa heroku web=2xstandard-2x postgres=standard-0';

/** What the files (Markdown, CSV, JSON) are written with: the meta, and what the findings stand on. */
export function exportMeta(checklist: ComplianceChecklist): ExportMeta {
  const unread = (checklist.unread ?? []).map(({ platform }) => platform);
  return {
    ...checklist.meta,
    ...(checklist.notes === undefined ? {} : { notes: checklist.notes }),
    ...(unread.length > 0 ? { unread } : {}),
  };
}

/** `2026-06-01`: checklists are dated by day. */
export function generatedAt(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The words of a live request, as the buttons carry them: `hipaa live`, `pci app=shop-api`. */
export function liveWords(request: LiveComplianceRequest): string {
  const what = request.app === undefined ? 'live' : `app=${request.app}`;
  return [request.framework.id, request.platform, what].filter(Boolean).join(' ');
}

export function resolveCompliance(text: string, options: ResolveOptions): ComplianceRequest {
  const { catalog, now, command } = options;
  const args = parseComplianceArgs(text, { command });
  if (!args.ok) return { kind: 'refused', message: args.message };
  const { platform, workloadText } = args;
  // The costs quote the catalog's prices, with their sources and dates, as the estimates do.
  const framework = pricedFramework(args.framework, catalog);
  const onPlatform = platform === undefined ? {} : { platform };
  if (args.live && workloadText === undefined) return { kind: 'live', framework, ...onPlatform };

  const date = generatedAt(now);
  if (workloadText === undefined) {
    const words = [framework.id, platform, args.estimate ? 'estimate' : undefined].filter(Boolean).join(' ');
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
  if (request.kind === 'app') return { kind: 'live', framework, ...onPlatform, app: request.app };
  if (args.live) {
    return {
      kind: 'refused',
      message: `\`live\` checks what runs in your accounts now, so it takes no workload: \`${command} ${framework.id} live\`, or check a described workload with \`${command} ${WORKLOAD_EXAMPLE}\`.`,
    };
  }
  if (request.kind === 'form') {
    return { kind: 'checklist', checklist: { framework, meta: { generatedAt: date }, words: framework.id } };
  }
  const { workload } = request;
  if (args.estimate) {
    // What an estimate of these words prices for production, on both platforms.
    const priced = pricedWorkloads(workload, catalog, request.options);
    const modelled = workload.origin === 'heroku' ? 'AWS' : 'Heroku';
    // What the estimate prices on AWS for the controls it adds services for (KMS, CloudTrail, GuardDuty, …).
    const awsLines = estimate(workload, catalog, request.options).aws.lines;
    const awsTier = workload.origin === 'heroku' ? 'like-for-like tier' : 'as described';
    return {
      kind: 'checklist',
      checklist: {
        framework,
        findings: [
          ...evaluateWorkload(framework, priced.heroku),
          ...withEstimatePrices(framework, evaluateWorkload(framework, priced.aws), awsLines, awsTier),
        ],
        meta: {
          generatedAt: date,
          subject: `estimate ${workloadText}`,
          ...(platform === undefined ? {} : { platforms: [platform] }),
        },
        words: [framework.id, platform, 'estimate', workloadText].filter(Boolean).join(' '),
        notes: [
          `Checked against what the estimate prices for production: ${PLATFORM_LABEL[workload.origin]} as it would run, ${modelled} on the like-for-like tier.`,
        ],
      },
    };
  }
  // A described workload is evaluated where it is described: Heroku sizes on Heroku, AWS sizes on AWS.
  return {
    kind: 'checklist',
    checklist: {
      framework,
      findings: evaluateWorkload(framework, workload),
      meta: { generatedAt: date, subject: workloadText, platforms: [workload.origin] },
      words: [framework.id, platform, workloadText].filter(Boolean).join(' '),
    },
  };
}

/**
 * The estimate's words behind its "Compliance checklist" button: they may start with a framework
 * (`pci web=…`); otherwise the framework is the one the workload asks for (`… pci`), HIPAA by default.
 * A described workload is checked as the estimate priced it, on both platforms; `app=NAME` is the
 * live app's checklist.
 */
export function resolveFromEstimateWords(words: string, options: ResolveOptions): ComplianceRequest {
  const first = words.trim().split(/\s+/)[0] ?? '';
  if (getFramework(first) !== undefined) return resolveCompliance(words, options);
  const parsed = parseEstimate(words, options.catalog);
  if (parsed.ok && parsed.request.kind === 'app') return resolveCompliance(`hipaa app=${parsed.request.app}`, options);
  const needs = parsed.ok && parsed.request.kind === 'workload' ? parsed.request.workload.compliance : [];
  const framework = needs.includes('pci') && !needs.includes('hipaa') ? 'pci' : 'hipaa';
  return resolveCompliance(`${framework} estimate ${words}`, options);
}
