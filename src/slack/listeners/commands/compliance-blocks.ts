import type { KnownBlock } from '@slack/types';
import { buildChecklist, type ChecklistEntry, type FindingStatus } from '../../../core/compliance';
import { ELIGIBILITY_NOTE, STATUS_LABEL, shownPlatforms, summaryLines } from '../../../core/compliance/checklist';
import { PLATFORM_LABEL } from '../../../core/compliance/phrases';
import type { ComplianceChecklist } from '../../../core/compliance/request';
import { context, header, MAX_MESSAGE_BLOCKS, type Message, mrkdwn } from '../../message';

export const EXPORT_MARKDOWN = 'compliance_export_markdown';
export const EXPORT_CSV = 'compliance_export_csv';

/** Block Kit limits (apis.md §3.11). */
export const SECTION_TEXT_LIMIT = 3000;
export const HEADER_TEXT_LIMIT = 150;
const BUTTON_VALUE_LIMIT = 2000;
/**
 * All block text together stays well below the ~13,000 characters at which Slack was seen to refuse
 * a message (bolt-js #2509), so the checklist's lines are shortened to fit; the export has them whole.
 */
const TEXT_BUDGET = 11_000;
/** Longest line part shown before shortening; each try shortens by a fifth. */
const FIRST_LIMIT = 600;
const LAST_LIMIT = 60;

const ICON: Record<FindingStatus, string> = {
  met: ':white_check_mark:',
  gap: ':x:',
  attention: ':warning:',
  'not-applicable': ':heavy_minus_sign:',
};

/** At most `max` characters, cut at a word boundary with an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.(]+$/, '')}…`;
}

/** The three characters Slack mrkdwn reserves, and backticks, which would break a code span. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, "'");
}

/**
 * Slack mrkdwn: escapes &, < and >, and sets identifiers with `_` or `*` (`iam_*_no_…`, `shield-*`)
 * as code so they are not read as emphasis.
 */
function mrkdwnText(text: string): string {
  return escapeMrkdwn(text).replace(/[\w./:{}-]*[_*][\w./:{}*-]*/g, (token) => {
    if (!/[a-z]/i.test(token)) return token;
    const [, core, trail] = /^(.*?)([.:]*)$/.exec(token)!;
    return `\`${core}\`${trail}`;
  });
}

const shown = (text: string, max: number) => mrkdwnText(clip(text, max));

/** One control: requirement → how each platform meets it → evidence → what to do. */
function entryText({ control, platforms }: ChecklistEntry, limit: number): string {
  const lines = [`*${shown(control.title, HEADER_TEXT_LIMIT)}* (${shown(control.citation, limit)})`];
  for (const { platform, answer, findings, status } of platforms) {
    const label = PLATFORM_LABEL[platform];
    const head = status === undefined ? `*${label}*` : `${ICON[status]} *${label}: ${STATUS_LABEL[status]}*`;
    const found = findings.map((finding) => finding.detail).join(' ');
    lines.push(found === '' ? head : `${head} ${shown(found, limit * 2)}`);
    lines.push(`      How: ${shown(answer.how, limit)}`);
    lines.push(`      Evidence: ${shown(answer.evidence, limit)}`);
    lines.push(`      To do: ${shown(answer.customerShare, limit)}`);
  }
  return lines.join('\n');
}

/** A group's controls packed into as few sections as the per-section limit allows. */
function groupTexts(name: string, entries: readonly ChecklistEntry[], limit: number): string[] {
  const texts: string[] = [];
  let current = `*${shown(name.toUpperCase(), HEADER_TEXT_LIMIT)}*`;
  for (const entry of entries) {
    const text = clip(entryText(entry, limit), SECTION_TEXT_LIMIT);
    if (current.length + text.length + 2 > SECTION_TEXT_LIMIT) {
      texts.push(current);
      current = text;
    } else {
      current = `${current}\n\n${text}`;
    }
  }
  texts.push(current);
  return texts;
}

/** The checklist's sections, with line parts as long as the text budget allows. */
function checklistSections(checklist: ComplianceChecklist, budget: number): { texts: string[]; shortened: boolean } {
  const groups = buildChecklist(checklist.framework, checklist.findings, checklist.meta);
  let texts: string[] = [];
  for (let limit = FIRST_LIMIT; ; limit = Math.floor(limit * 0.8)) {
    const floor = limit <= LAST_LIMIT;
    texts = groups.flatMap((group) => groupTexts(group.name, group.entries, floor ? LAST_LIMIT : limit));
    const total = texts.reduce((sum, text) => sum + text.length, 0);
    if (floor || total <= budget) return { texts, shortened: limit < FIRST_LIMIT };
  }
}

function subjectLine(checklist: ComplianceChecklist): string {
  const { framework, meta } = checklist;
  const platforms = shownPlatforms(meta)
    .map((platform) => PLATFORM_LABEL[platform])
    .join(' and ');
  const subject = meta.subject === undefined ? 'general checklist' : `for \`${escapeMrkdwn(clip(meta.subject, 200))}\``;
  return `${mrkdwnText(framework.version)} · ${subject} · ${platforms} · ${escapeMrkdwn(meta.generatedAt)}`;
}

/** Titles of the controls with a gap on any shown platform, in the framework's order. */
function gapTitles({ framework, findings = [] }: ComplianceChecklist): string[] {
  return framework.controls
    .filter((control) => findings.some((f) => f.controlId === control.id && f.status === 'gap'))
    .map((control) => control.title);
}

function summaryText(checklist: ComplianceChecklist): string | undefined {
  const { findings, meta } = checklist;
  if (findings === undefined) return undefined;
  const counts = summaryLines(findings, meta, (platform) => PLATFORM_LABEL[platform]);
  const gaps = gapTitles(checklist);
  const gapLine =
    gaps.length === 0
      ? 'No gaps found in what was checked.'
      : `*Gaps:* ${shown(gaps.join('; '), SECTION_TEXT_LIMIT / 2)}`;
  return `*Findings:* ${shown(counts.join('; '), SECTION_TEXT_LIMIT / 4)}\n${gapLine}`;
}

/** Notifications, screen readers and old clients: the verdict in a few lines. */
function fallbackText(checklist: ComplianceChecklist): string {
  const { framework, findings, meta } = checklist;
  const platforms = shownPlatforms(meta).map((platform) => PLATFORM_LABEL[platform]);
  const first = `${framework.name} checklist (${framework.version})${meta.subject ? ` for ${clip(meta.subject, 200)}` : ''}.`;
  if (findings === undefined) {
    return `${first} ${framework.controls.length} controls in ${framework.groups.length} groups (${framework.groups.join(', ')}): how ${platforms.join(' and ')} meet each, the evidence, and what to do.`;
  }
  const counts = summaryLines(findings, meta, (platform) => PLATFORM_LABEL[platform]).join('; ');
  const gaps = gapTitles(checklist);
  return `${first} ${counts}.${gaps.length === 0 ? ' No gaps found.' : ` Gaps: ${gaps.join('; ')}.`}`;
}

function exportButtons(words: string): KnownBlock {
  if (words.length > BUTTON_VALUE_LIMIT) {
    return context('This checklist is too long to export from Slack; run `npx hosting-advisor compliance …` instead.');
  }
  const button = (action_id: string, text: string) => ({
    type: 'button' as const,
    action_id,
    text: { type: 'plain_text' as const, text },
    value: words,
  });
  return {
    type: 'actions',
    block_id: 'compliance_export',
    elements: [button(EXPORT_MARKDOWN, 'Export Markdown'), button(EXPORT_CSV, 'Export CSV')],
  };
}

/**
 * The checklist as a Slack message: one section per group (split when long) with compact control
 * lines, findings first when a workload was evaluated, and the full detail in the exports.
 */
export function complianceMessage(checklist: ComplianceChecklist, share: boolean): Message {
  const { framework } = checklist;
  const summary = summaryText(checklist);
  const head: KnownBlock[] = [
    header(clip(`${framework.name} checklist`, HEADER_TEXT_LIMIT)),
    context(subjectLine(checklist)),
    mrkdwn(clip(mrkdwnText(`${framework.scope} ${ELIGIBILITY_NOTE}`), SECTION_TEXT_LIMIT)),
    ...(summary === undefined ? [] : [mrkdwn(summary)]),
    { type: 'divider' },
  ];
  const used = JSON.stringify(head).length;
  const { texts, shortened } = checklistSections(checklist, TEXT_BUDGET - used);
  const tail: KnownBlock[] = [
    context(
      `${shortened ? 'Lines are shortened (…) to fit a Slack message. ' : ''}The export has every detail: why each control matters, its cost, how to verify it, and what no source confirms.`,
    ),
    exportButtons(checklist.words),
  ];
  const room = MAX_MESSAGE_BLOCKS - head.length - tail.length;
  const body = texts.map(mrkdwn);
  const kept =
    body.length <= room
      ? body
      : [...body.slice(0, room - 1), context('More controls than fit in one message: see the export.')];
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: fallbackText(checklist),
    blocks: [...head, ...kept, ...tail],
  };
}
