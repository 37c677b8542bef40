import { buildChecklist, type ExportMeta, shownPlatforms } from './checklist';
import type { Finding, Framework } from './types';

/** The checklist as JSON (2-space indent): framework, meta, and each control with its findings. */
export function toJson(framework: Framework, findings: readonly Finding[] | undefined, meta: ExportMeta): string {
  const groups = buildChecklist(framework, findings, meta);
  const document = {
    framework: { id: framework.id, name: framework.name, version: framework.version, scope: framework.scope },
    generatedAt: meta.generatedAt,
    ...(meta.subject === undefined ? {} : { subject: meta.subject }),
    platforms: shownPlatforms(meta),
    evaluated: findings !== undefined,
    notes: meta.notes ?? [],
    unread: meta.unread ?? [],
    controls: groups.flatMap((group) =>
      group.entries.map(({ control, platforms }) => ({
        id: control.id,
        title: control.title,
        group: control.group,
        citation: control.citation,
        why: control.why,
        cost: control.cost,
        verify: control.verify,
        ...(control.unconfirmed === undefined ? {} : { unconfirmed: control.unconfirmed }),
        checks: control.checks,
        platforms: Object.fromEntries(
          platforms.map(({ platform, answer, findings: own, status }) => [
            platform,
            { ...answer, ...(status === undefined ? {} : { status }), findings: own },
          ]),
        ),
      })),
    ),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
