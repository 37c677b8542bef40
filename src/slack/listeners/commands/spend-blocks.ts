/**
 * `/hosting spend` as a message a lead reads in ten seconds: the period and the combined figure in
 * the header, each platform before and after credits in fields, the largest groups with an "Other"
 * line so they add up, and a Details button for every group, the changes and the exact metric. Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { PlatformFigures, PlatformSpend, SpendReport } from '../../../answers/spend';
import { formatCents } from '../../../core/money';
import { neutraliseMarkup } from '../../../core/user-text';
import { clip, context, header, mrkdwn } from '../../block-kit';
import { MAX_MESSAGE_BLOCKS, type Message } from '../../message';

export const SPEND_DETAILS = 'spend_details';

/**
 * The Details button's value: the request's words and the UTC day its period was reckoned from
 * (`aws 7d by service|2026-12-06`), so a press after midnight shows the days the message shows.
 */
export const spendButtonValue = (report: Pick<SpendReport, 'words' | 'day'>): string => `${report.words}|${report.day}`;

const SECTION_LIMIT = 2900;
const FIELD_LIMIT = 1900;

const signed = (cents: number) => (cents < 0 ? formatCents(cents) : `+${formatCents(cents)}`);
const label = (text: string) => neutraliseMarkup(text);

/** `$35.35 before credits · $22.85 after`; Heroku reports no credits, so one figure. */
export function grossNet(gross: number, net: number, platform?: 'aws' | 'heroku'): string {
  return platform === 'heroku'
    ? formatCents(gross)
    : `${formatCents(gross)} before credits · ${formatCents(net)} after`;
}

/** `, for 1 – 4 Mar 2026` when the change counts only some of the period's days (AWS month to date). */
const changeOver = (change: NonNullable<PlatformFigures['change']>) =>
  change.over ? `, for ${change.over.range}` : '';

/** A platform's figure field: what it is, before and after credits, the change. */
function platformField(platform: PlatformSpend): string {
  const f = platform.figures;
  if (!f) return `*${platform.name}*\n:warning: ${platform.status === 'off' ? 'off' : 'could not be read'} (below)`;
  const kind = f.runRate ? ' (run-rate)' : f.estimated ? ' (estimated)' : '';
  const lines = [`*${platform.name}*${kind}`, grossNet(f.grossCents, f.netCents, platform.platform)];
  if (f.change) {
    lines.push(
      `${signed(f.change.changeCents)}${f.change.percent ? ` (${f.change.percent})` : ''} on ${f.change.range}${changeOver(f.change)}`,
    );
  }
  return lines.join('\n');
}

/** The headline: the combined (or only) figure, before credits, and its period. */
function spendHeadline(report: SpendReport): string {
  if (report.together) return `${report.title}: ${formatCents(report.together.grossCents)}`;
  const only = report.platforms.find((p) => p.figures)?.figures;
  return only && report.platforms.length === 1 ? `${report.title}: ${formatCents(only.grossCents)}` : report.title;
}

/** The largest groups and "Other", each on a line; they add up to the figure above them. */
export function linesText(platform: PlatformSpend, every = false): string {
  const f = platform.figures!;
  const lines = (every ? f.allLines : f.lines).map((line) => `• ${label(line.label)}: ${formatCents(line.cents)}`);
  const forecast = f.forecast && !every ? [f.forecast] : [];
  // Not grouped as asked (Heroku has only apps): said under the heading, before any figure is read.
  const why = f.groupingNote ? [`_${f.groupingNote}_`] : [];
  return [
    `*${platform.name} by ${f.grouping}*`,
    ...why,
    ...lines,
    `*Total: ${formatCents(f.grossCents)}*`,
    ...forecast,
  ].join('\n');
}

function platformBlocks(platform: PlatformSpend): KnownBlock[] {
  const f = platform.figures;
  if (!f) return [mrkdwn(clip(`*${platform.name}*: :warning: ${platform.problem ?? 'no figures'}`, SECTION_LIMIT))];
  const small = [f.measure, ...f.notes];
  return [mrkdwn(clip(linesText(platform), SECTION_LIMIT)), context(clip(small.join(' · '), SECTION_LIMIT))];
}

function spendBlocks(report: SpendReport): KnownBlock[] {
  const blocks: KnownBlock[] = [header(clip(spendHeadline(report), 150))];
  const fields = report.platforms.map(platformField);
  if (report.together) {
    const estimated = report.together.estimated ? ' (estimated)' : '';
    fields.push(`*Together*${estimated}\n${grossNet(report.together.grossCents, report.together.netCents)}`);
  }
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `UTC days, both ends included${report.platforms.length > 1 ? ', the same on each platform' : ''}.`,
    },
    fields: fields.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: clip(text, FIELD_LIMIT) })),
  });
  for (const platform of report.platforms) blocks.push({ type: 'divider' }, ...platformBlocks(platform));
  if (report.platforms.some((p) => p.figures)) {
    blocks.push({
      type: 'actions',
      block_id: 'spend_actions',
      elements: [
        {
          type: 'button',
          action_id: SPEND_DETAILS,
          text: { type: 'plain_text', text: 'Details' },
          value: spendButtonValue(report),
        },
      ],
    });
  }
  return blocks.slice(0, MAX_MESSAGE_BLOCKS);
}

/** The notification text: the headline and each platform's figure in a sentence or two. */
function spendFallback(report: SpendReport): string {
  const parts = report.platforms.map((p) => {
    if (!p.figures) return `${p.name}: ${(p.problem ?? 'no figures').replace(/\.$/, '')}`;
    const f = p.figures;
    const change = f.change ? `, ${signed(f.change.changeCents)} on ${f.change.range}${changeOver(f.change)}` : '';
    return `${p.name}${f.runRate ? ' (run-rate)' : ''}: ${grossNet(f.grossCents, f.netCents, p.platform)}${change}`;
  });
  const together = report.together
    ? ` Together: ${grossNet(report.together.grossCents, report.together.netCents)}.`
    : '';
  return clip(`${spendHeadline(report)}. ${parts.join('. ')}.${together}`, 3900);
}

export function spendMessage(report: SpendReport, share: boolean): Message {
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: spendFallback(report),
    blocks: spendBlocks(report),
  };
}
