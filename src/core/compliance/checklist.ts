import { PLATFORMS, type Platform } from '../workload';
import { worstStatus } from './combine';
import type { Control, Finding, FindingStatus, Framework, PlatformAnswer } from './types';

/** What every export needs besides the framework and findings. The date is passed in: no clock here. */
export interface ExportMeta {
  /** When the checklist was produced, as it should be shown: `2026-06-01` or an ISO timestamp. */
  generatedAt: string;
  /** What was evaluated: `web=2xstandard-2x postgres=standard-0`, `live inventory`. */
  subject?: string;
  /** Which platforms to show; both by default. */
  platforms?: readonly Platform[];
  /** What the findings stand on, in sentences: when live data was read, what an estimate priced. */
  notes?: readonly string[];
  /** Platforms that could not be read: their findings stand on nothing read, so none is counted. */
  unread?: readonly Platform[];
}

interface ChecklistPlatform {
  platform: Platform;
  answer: PlatformAnswer;
  findings: Finding[];
  /** Worst status among the findings; undefined when there are none. */
  status?: FindingStatus;
}

export interface ChecklistEntry {
  control: Control;
  platforms: ChecklistPlatform[];
}

export interface ChecklistGroup {
  name: string;
  entries: ChecklistEntry[];
}

export const STATUS_LABEL: Record<FindingStatus, string> = {
  met: 'met',
  gap: 'GAP',
  attention: 'attention',
  'not-applicable': 'n/a',
};

export const ELIGIBILITY_NOTE =
  'Platforms offer eligible services; compliance is a property of your configuration. This checklist shows what it meets, lacks or needs checking.';

export function shownPlatforms(meta: ExportMeta): Platform[] {
  return PLATFORMS.filter((platform) => (meta.platforms ?? PLATFORMS).includes(platform));
}

/** Controls grouped for display, each with its findings per shown platform. */
export function buildChecklist(
  framework: Framework,
  findings: readonly Finding[] | undefined,
  meta: ExportMeta,
): ChecklistGroup[] {
  const known = new Set(framework.controls.map((control) => control.id));
  const stray = (findings ?? []).find((finding) => !known.has(finding.controlId));
  if (stray !== undefined) throw new Error(`Finding for ${stray.controlId}, which is not a ${framework.name} control`);

  const platforms = shownPlatforms(meta);
  return framework.groups
    .map((name) => ({
      name,
      entries: framework.controls
        .filter((control) => control.group === name)
        .map((control) => ({
          control,
          platforms: platforms.map((platform) => {
            const own = (findings ?? []).filter((f) => f.controlId === control.id && f.platform === platform);
            return {
              platform,
              answer: control[platform],
              findings: own,
              ...(own.length === 0 ? {} : { status: worstStatus(own.map((f) => f.status)) }),
            };
          }),
        })),
    }))
    .filter((group) => group.entries.length > 0);
}

/** Counts per shown platform, e.g. `Heroku: 2 GAP, 11 attention, 2 met`. */
export function summaryLines(
  findings: readonly Finding[] | undefined,
  meta: ExportMeta,
  label: (p: Platform) => string,
) {
  if (findings === undefined) return [];
  const order: FindingStatus[] = ['gap', 'attention', 'met', 'not-applicable'];
  return shownPlatforms(meta).flatMap((platform) => {
    if (meta.unread?.includes(platform)) return [`${label(platform)}: could not be read`];
    const own = findings.filter((finding) => finding.platform === platform);
    if (own.length === 0) return [];
    const counts = order
      .map((status) => [status, own.filter((finding) => finding.status === status).length] as const)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${count} ${STATUS_LABEL[status]}`);
    return [`${label(platform)}: ${counts.join(', ')}`];
  });
}
