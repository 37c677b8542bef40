/**
 * The compliance checklist as a Slack message a lead reads in ten seconds: the counts and gaps, the
 * top three actions, then one line per control with its status, grouped; every group's full detail
 * (how, evidence, what to do, cost, how to verify) opens in a modal from its Details button, and the
 * exports carry everything. Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { ComplianceChecklist } from '../../../answers/compliance';
import { buildChecklist, type ChecklistEntry, type FindingStatus } from '../../../core/compliance';
import { ELIGIBILITY_NOTE, shownPlatforms } from '../../../core/compliance/checklist';
import { PLATFORM_LABEL } from '../../../core/compliance/phrases';

import type { Platform } from '../../../core/workload';
import { clipAtWord, context, header, mrkdwn } from '../../block-kit';
import type { Message } from '../../message';
import { mrkdwnText } from './compliance-text';

export const EXPORT_MARKDOWN = 'compliance_export_markdown';
export const EXPORT_CSV = 'compliance_export_csv';
export const COMPLIANCE_DETAILS = 'compliance_details';

const BUTTON_VALUE_LIMIT = 2000;
const SECTION_TEXT_LIMIT = 3000;

export const STATUS_ICON: Record<FindingStatus, string> = {
  met: ':white_check_mark:',
  gap: ':x:',
  attention: ':warning:',
  'not-applicable': ':heavy_minus_sign:',
};
/** How a status reads in a count: "2 gaps", "13 to verify". */
const STATUS_WORDS: Record<FindingStatus, [string, string]> = {
  gap: ['gap', 'gaps'],
  attention: ['to verify', 'to verify'],
  met: ['met', 'met'],
  'not-applicable': ['not applicable', 'not applicable'],
};
/** `to verify`, `gap`: the same words the message's counts use. */
export const statusWord = (status: FindingStatus) => STATUS_WORDS[status][0];
const ORDER: FindingStatus[] = ['gap', 'attention', 'met', 'not-applicable'];

/** A Details button carries the group's position and the words that rebuild the checklist. */
function detailsValue(group: number, words: string): string {
  return `${group}|${words}`;
}
export function parseDetailsValue(value: string): { group: number; words: string } {
  const bar = value.indexOf('|');
  return { group: Number(value.slice(0, bar)), words: value.slice(bar + 1) };
}

function statusOf(entry: ChecklistEntry, platform: Platform): FindingStatus | undefined {
  return entry.platforms.find((p) => p.platform === platform)?.status;
}

/** `:x: Heroku · :white_check_mark: AWS` — or nothing to show when nothing was evaluated. */
function controlLine(entry: ChecklistEntry, platforms: readonly Platform[], evaluated: boolean): string {
  const title = mrkdwnText(clipAtWord(entry.control.title, 120));
  if (!evaluated) return `• ${title}`;
  if (platforms.length === 1) {
    const status = statusOf(entry, platforms[0]!) ?? 'attention';
    return `${STATUS_ICON[status]} ${title}`;
  }
  const marks = platforms
    .map((platform) => `${STATUS_ICON[statusOf(entry, platform) ?? 'attention']} ${PLATFORM_LABEL[platform]}`)
    .join(' ');
  return `${title} — ${marks}`;
}

/** Counts per platform: `2 gaps · 13 to verify · 1 met`. */
function counts(entries: readonly ChecklistEntry[], platform: Platform): string {
  const statuses = entries.map((entry) => statusOf(entry, platform) ?? 'attention');
  return ORDER.map((status) => [status, statuses.filter((s) => s === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${STATUS_WORDS[status][n === 1 ? 0 : 1]}`)
    .join(' · ');
}

interface TopAction {
  control: string;
  platform: Platform;
  status?: FindingStatus;
  todo: string;
}

/** Gaps first, then what to verify, in the framework's order; on the general checklist, the first controls. */
function topActions(entries: readonly ChecklistEntry[], platforms: readonly Platform[], limit = 3): TopAction[] {
  const rank = (status?: FindingStatus) => (status === 'gap' ? 0 : status === 'attention' ? 1 : 2);
  const candidates = entries.flatMap((entry) =>
    platforms
      .map((platform) => ({ entry, platform, status: statusOf(entry, platform) }))
      .filter(({ status }) => status !== 'met' && status !== 'not-applicable'),
  );
  const sorted = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => rank(a.candidate.status) - rank(b.candidate.status) || a.index - b.index);
  const seen = new Set<string>();
  const actions: TopAction[] = [];
  for (const { candidate } of sorted) {
    if (seen.has(candidate.entry.control.id)) continue;
    seen.add(candidate.entry.control.id);
    actions.push({
      control: candidate.entry.control.title,
      platform: candidate.platform,
      ...(candidate.status ? { status: candidate.status } : {}),
      todo: candidate.entry.control[candidate.platform].customerShare,
    });
    if (actions.length === limit) break;
  }
  return actions;
}

function subjectLine(checklist: ComplianceChecklist, platforms: readonly Platform[]): string {
  const { framework, meta } = checklist;
  const subject =
    meta.subject === undefined ? 'general checklist' : `for \`${clipAtWord(meta.subject, 200).replace(/`/g, "'")}\``;
  return `${mrkdwnText(framework.version)} · ${subject} · ${platforms.map((p) => PLATFORM_LABEL[p]).join(' and ')} · ${meta.generatedAt}`;
}

/** A platform's counts, or that it could not be read: its findings then stand on nothing. */
function platformCounts(entries: readonly ChecklistEntry[], platform: Platform, unread: readonly Platform[]): string {
  return unread.includes(platform) ? UNREAD : counts(entries, platform);
}
const UNREAD = ':warning: could not be read (why above)';

const unreadPlatforms = (checklist: ComplianceChecklist) => (checklist.unread ?? []).map((u) => u.platform);

/** `Heroku could not be read`, `Heroku and AWS could not be read`. */
const unreadWords = (unread: readonly Platform[]) => `${platformList(unread)} could not be read`;

function summaryFields(
  entries: readonly ChecklistEntry[],
  platforms: readonly Platform[],
  evaluated: boolean,
  unread: readonly Platform[],
) {
  if (!evaluated) {
    return [
      { type: 'mrkdwn' as const, text: `*Controls*\n${entries.length}` },
      { type: 'mrkdwn' as const, text: `*Status*\nNot evaluated: add a workload to check it` },
    ];
  }
  return platforms.map((platform) => ({
    type: 'mrkdwn' as const,
    text: `*${PLATFORM_LABEL[platform]}*\n${platformCounts(entries, platform, unread)}`,
  }));
}

/**
 * What is known of the gaps: a platform that could not be read has unknown gaps, never none. `titles`
 * are the controls with a gap on a platform shown.
 */
type GapsKnown =
  | { kind: 'found'; titles: string[]; unread: readonly Platform[] }
  | { kind: 'none' }
  | { kind: 'none-where-read'; read: readonly Platform[]; unread: readonly Platform[] }
  | { kind: 'unknown'; unread: readonly Platform[] };

function gapsKnown(
  entries: readonly ChecklistEntry[],
  platforms: readonly Platform[],
  unread: readonly Platform[],
): GapsKnown {
  const titles = entries
    .filter((entry) => platforms.some((platform) => statusOf(entry, platform) === 'gap'))
    .map((entry) => entry.control.title);
  const read = platforms.filter((platform) => !unread.includes(platform));
  if (titles.length > 0) return { kind: 'found', titles, unread };
  if (unread.length === 0) return { kind: 'none' };
  return read.length > 0 ? { kind: 'none-where-read', read, unread } : { kind: 'unknown', unread };
}

const platformList = (platforms: readonly Platform[]) => platforms.map((p) => PLATFORM_LABEL[p]).join(' and ');

function gapsText(entries: readonly ChecklistEntry[], platforms: readonly Platform[], unread: readonly Platform[]) {
  const known = gapsKnown(entries, platforms, unread);
  switch (known.kind) {
    case 'none':
      return '*Gaps:* none found in what was checked.';
    case 'unknown':
      return `*Gaps:* unknown: ${unreadWords(known.unread)}.`;
    case 'none-where-read':
      return `*Gaps:* none found on ${platformList(known.read)}; ${unreadWords(known.unread)}, so ${known.unread.length === 1 ? 'its' : 'their'} gaps are unknown.`;
    case 'found': {
      const more = known.unread.length > 0 ? ` (${unreadWords(known.unread)}, so there may be more)` : '';
      return `*Gaps:* ${mrkdwnText(clipAtWord(known.titles.join('; '), 1200))}${more}`;
    }
  }
}

/** The gaps in the notification text, as gapsText says them. */
function gapsFallback(known: GapsKnown): string {
  switch (known.kind) {
    case 'none':
      return 'No gaps found.';
    case 'unknown':
      return `Gaps unknown: ${unreadWords(known.unread)}.`;
    case 'none-where-read':
      return `No gaps found on ${platformList(known.read)}; ${unreadWords(known.unread)}.`;
    case 'found':
      return `Gaps: ${known.titles.join('; ')}${known.unread.length > 0 ? ` (${unreadWords(known.unread)}, so there may be more)` : ''}.`;
  }
}

/** On a live checklist, what each gap found (which apps, which people), so a lead can act without opening Details. */
function foundText(entries: readonly ChecklistEntry[], platforms: readonly Platform[]): string | undefined {
  const found = entries.flatMap((entry) =>
    entry.platforms
      .filter((shown) => platforms.includes(shown.platform))
      .flatMap((shown) => shown.findings.filter((finding) => finding.status === 'gap'))
      .map((finding) => `• ${PLATFORM_LABEL[finding.platform]}: ${mrkdwnText(clipAtWord(finding.detail, 400))}`),
  );
  const unique = found.filter((line, index) => found.indexOf(line) === index);
  if (unique.length === 0) return undefined;
  return clipAtWord(['*Found*', ...unique.slice(0, 6)].join('\n'), SECTION_TEXT_LIMIT);
}

function actionsText(actions: readonly TopAction[], evaluated: boolean, platforms: readonly Platform[]): string {
  const heading = evaluated ? '*Top actions*' : '*Start with*';
  const lines = actions.map((action, index) => {
    const where = platforms.length > 1 ? ` (${PLATFORM_LABEL[action.platform]})` : '';
    return `${index + 1}. *${mrkdwnText(clipAtWord(action.control, 100))}*${where}: ${mrkdwnText(clipAtWord(action.todo, 220))}`;
  });
  return [heading, ...lines].join('\n');
}

function exportButtons(words: string): KnownBlock {
  if (words.length > BUTTON_VALUE_LIMIT) {
    return context('This checklist is too long to export from Slack; ask for a shorter workload.');
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

/** Notifications, screen readers and old clients: the counts, gaps and actions in a few lines. */
function fallbackText(
  checklist: ComplianceChecklist,
  entries: readonly ChecklistEntry[],
  platforms: readonly Platform[],
  actions: readonly TopAction[],
  evaluated: boolean,
): string {
  const { framework, meta } = checklist;
  const first = `${framework.name} checklist (${framework.version})${meta.subject ? ` for ${clipAtWord(meta.subject, 200)}` : ''}.`;
  if (!evaluated) {
    return `${first} ${entries.length} controls in ${framework.groups.length} groups for ${platforms.map((p) => PLATFORM_LABEL[p]).join(' and ')}. Start with: ${actions.map((a) => a.control).join('; ')}.`;
  }
  const unread = unreadPlatforms(checklist);
  const tally = platforms
    .map((platform) =>
      unread.includes(platform)
        ? `${PLATFORM_LABEL[platform]}: could not be read`
        : `${PLATFORM_LABEL[platform]}: ${counts(entries, platform)}`,
    )
    .join('; ');
  const gaps = gapsFallback(gapsKnown(entries, platforms, unread));
  return clipAtWord(`${first} ${tally}. ${gaps} Top actions: ${actions.map((a) => a.control).join('; ')}.`, 3900);
}

/** Notes beside the subject line: a context block holds ten elements. */
const MAX_NOTES = 9;
const NOT_READ = /^Not read: ([^:]+)/;

/**
 * The notes a message has room for. Past nine, the notes on what was read (and on AWS) stay, and the
 * last element counts the "Not read: …" notes it has no room for and names what each is about
 * (`members of team acme`), so no team or app left unread goes unsaid; the exports carry them in full.
 */
function notesShown(notes: readonly string[]): string[] {
  if (notes.length <= MAX_NOTES) return [...notes];
  const room = MAX_NOTES - 1 - notes.filter((note) => !NOT_READ.test(note)).length;
  let notRead = 0;
  const kept = notes.filter((note) => !NOT_READ.test(note) || notRead++ < room);
  const rest = notes.filter((note) => !kept.includes(note));
  const about = rest.map((note) => NOT_READ.exec(note)?.[1] ?? '');
  return [
    ...kept,
    clipAtWord(`${rest.length} more notes, each in full in the exports. Not read: ${about.join('; ')}.`, 600),
  ];
}

/** The checklist message: summary first, one line per control, details per group on a button. */
export function complianceMessage(checklist: ComplianceChecklist, share: boolean): Message {
  const { framework, findings, meta } = checklist;
  const platforms = shownPlatforms(meta);
  const evaluated = findings !== undefined;
  const groups = buildChecklist(framework, findings, meta);
  const entries = groups.flatMap((group) => group.entries);
  const actions = topActions(entries, platforms);
  const canDetail = checklist.words.length + 4 <= BUTTON_VALUE_LIMIT;

  const groupBlocks: KnownBlock[] = groups.map((group, index) => {
    const lines = group.entries.map((entry) => controlLine(entry, platforms, evaluated));
    return {
      type: 'section',
      block_id: `compliance_group_${index}`,
      text: {
        type: 'mrkdwn',
        text: clipAtWord([`*${mrkdwnText(group.name)}*`, ...lines].join('\n'), SECTION_TEXT_LIMIT),
      },
      ...(canDetail
        ? {
            accessory: {
              type: 'button',
              action_id: COMPLIANCE_DETAILS,
              text: { type: 'plain_text', text: 'Details' },
              value: detailsValue(index, checklist.words),
            },
          }
        : {}),
    } as KnownBlock;
  });

  const found = checklist.live ? foundText(entries, platforms) : undefined;
  // What live findings stand on (when Heroku and Cost Explorer were read), or what an estimate priced.
  const notes = notesShown(checklist.notes ?? []).map((note) =>
    clipAtWord(note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'), 600),
  );
  const blocks: KnownBlock[] = [
    header(clipAtWord(`${framework.name} checklist`, 150)),
    // The subject, then what it stands on: one context block, so the counts stay the third block.
    {
      type: 'context',
      elements: [subjectLine(checklist, platforms), ...notes].map((text) => ({ type: 'mrkdwn', text })),
    } as KnownBlock,
    { type: 'section', fields: summaryFields(entries, platforms, evaluated, unreadPlatforms(checklist)) },
    ...(evaluated ? [mrkdwn(gapsText(entries, platforms, unreadPlatforms(checklist)))] : []),
    ...(found ? [mrkdwn(found)] : []),
    mrkdwn(actionsText(actions, evaluated, platforms)),
    { type: 'divider' },
    ...groupBlocks,
    context(
      `${evaluated ? ':x: gap · :warning: to verify · :white_check_mark: met · :heavy_minus_sign: not applicable. ' : ''}${mrkdwnText(ELIGIBILITY_NOTE)} *Details* shows how each platform meets a control, the evidence and what to do; exports come to you in a direct message.`,
    ),
    exportButtons(checklist.words),
  ];
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: fallbackText(checklist, entries, platforms, actions, evaluated),
    blocks,
  };
}
