/**
 * The weekly digest as a Slack message a lead reads in ten seconds: one verdict, a headline per
 * platform (last week and its change, month to date, the forecast, the same workload modelled on the
 * other platform, the movers grouped), one line on method. The text fallback says the same in a few
 * sentences. Pure.
 */
import type { KnownBlock } from '@slack/types';
import {
  countedSpan,
  type Digest,
  dailyRateBasis,
  modelledMethod,
  notComparedLabel,
  type PlatformSection,
  parityLines,
  percentLabel,
  signedUsd,
  unfinishedDayNote,
  whyLines,
} from '../../../core/digest';
import { groupMovers, type MoverGroup } from '../../../core/digest/mover-groups';
import type { UnfinishedDay } from '../../../core/digest/types';
import { formatUsd, type Money } from '../../../core/money';
import { neutraliseMarkup } from '../../../core/user-text';
import { clip, context, header, mrkdwn } from '../../block-kit';
import { MAX_MESSAGE_BLOCKS } from '../../message';
import { monthName, rangeLabel } from '../../period-labels';

export const DIGEST_POST_NOW = 'digest_post_now';
export const DIGEST_SETTINGS = 'digest_settings';

const NAME = { aws: 'AWS', heroku: 'Heroku' } as const;
const ITEMS = { aws: ['service', 'services'], heroku: ['app', 'apps'] } as const;
const MOVER_GROUPS = 3;
const FIELD_LIMIT = 1900;

/** `20 apps −$11.67 each ($35.00 → $23.33)` or `shop-api +$3.00 ($20.00 → $23.00)`. */
function moverText(group: MoverGroup, platform: 'aws' | 'heroku'): string {
  const move = `${formatUsd(group.previous)} → ${formatUsd(group.current)}`;
  if (group.names.length === 1) return `${group.names[0]} ${signedUsd(group.change)} (${move})`;
  const shown = group.names.slice(0, 3).join(', ');
  const more = group.names.length > 3 ? ` and ${group.names.length - 3} more` : '';
  return `${group.names.length} ${ITEMS[platform][1]} ${signedUsd(group.change)} each (${move}): ${shown}${more}`;
}

/** The forecast, never more than a month can cost on Heroku (monthly prices are caps). */
function forecastText(section: Extract<PlatformSection, { status: 'ok' }>): string {
  // Without a forecast the note already says "no forecast: why" (src/core/digest): said once.
  if (!section.forecastMonth) return section.forecastNote;
  return `${formatUsd(section.forecastMonth)}${section.forecastCapped ? ' (a full month of today’s apps: the most a month can cost)' : ''}`;
}

function modelledText(
  section: Extract<PlatformSection, { status: 'ok' }>,
  unfinished: UnfinishedDay | undefined,
): string | undefined {
  const t = section.translation;
  if (!t) return undefined;
  const basis = dailyRateBasis(t, unfinished);
  const actual = basis ? `actual at ${basis}` : 'actual';
  if (!t.range) return `${formatUsd(t.modelledWeekly)}/week (${signedUsd(t.differenceWeekly)}/week vs ${actual})`;
  // The consolidated week is shown: the difference is worked out from it, and the range may not end on it.
  return `${modelledRange(t.range)} (consolidated tier ${formatUsd(t.modelledWeekly)}/week, ${signedUsd(t.differenceWeekly)}/week vs ${actual})`;
}

/** `$41.82–$48.10/week across three tiers`: the cheapest and dearest way to run it on the other platform. */
function modelledRange(range: { low: Money; high: Money }): string {
  return `${formatUsd(range.low)}–${formatUsd(range.high)}/week across three tiers`;
}

/** Last week in one line: `*$175.00* actual, +$35.00 (+25.0%) on the week before`. */
function lastWeekText(
  section: Extract<PlatformSection, { status: 'ok' }>,
  unfinished: UnfinishedDay | undefined,
): string {
  if (section.runRate)
    return `*${formatUsd(section.lastWeek)}* (run-rate: today’s apps for ${unfinished ? 'Mon–Sat' : '7 days'}; no daily snapshots yet)`;
  const kind = section.estimated ? 'estimated' : 'actual';
  if (section.notCompared) return `*${formatUsd(section.lastWeek)}* ${kind}, ${notComparedLabel(section.notCompared)}`;
  return `*${formatUsd(section.lastWeek)}* ${kind}, ${signedUsd(section.change)} (${percentLabel(section.changePercent)}) on the week before${countedSpan(unfinished)}`;
}

function basisText(section: Extract<PlatformSection, { status: 'ok' }>): string {
  if (section.platform === 'aws') {
    return `Cost Explorer, cost before credits, ${section.estimated ? 'still estimated by AWS' : 'final'}.`;
  }
  const n = section.notCounted;
  const notCounted = n
    ? ` ${n} contract-priced or unpriced item${n === 1 ? ' is' : 's are'} not counted (never as $0).`
    : '';
  if (section.runRate)
    return `Run-rate from Heroku’s billed prices, until the bot’s daily snapshots cover a week.${notCounted}`;
  const covered = section.daily.filter((cents) => cents !== null).length;
  return `Estimated from daily snapshots × Heroku’s billed prices (${covered} of ${section.daily.length} days); invoices are final.${notCounted}`;
}

function platformBlocks(section: PlatformSection, unfinished: UnfinishedDay | undefined): KnownBlock[] {
  const name = NAME[section.platform];
  if (section.status !== 'ok')
    return [mrkdwn(clip(`*${name}*: :warning: no figures this week. ${section.reason}`, 2900))];
  const month = monthName(section.month);
  const fields = [
    `*${month} to date* (${rangeLabel(section.monthToDateRange)})\n${formatUsd(section.monthToDate)}`,
    `*Forecast for ${month}*\n${forecastText(section)}`,
  ];
  const modelled = modelledText(section, unfinished);
  if (modelled && section.translation) fields.push(`*On ${NAME[section.translation.to]} (modelled)*\n${modelled}`);
  const groups = groupMovers(section.movers, MOVER_GROUPS);
  if (groups.length > 0)
    fields.push(`*Biggest changes*\n${groups.map((g) => moverText(g, section.platform)).join('\n')}`);
  return [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${name}* last week${countedSpan(unfinished)}: ${lastWeekText(section, unfinished)}`,
      },
      fields: fields.map((text) => ({ type: 'mrkdwn' as const, text: clip(text, FIELD_LIMIT) })),
    },
    ...(section.leftOut ? [context(clip(`:warning: ${section.leftOut}`, 2900))] : []),
    context(basisText(section)),
  ];
}

/** One line on method: the week, the time zone, modelled prices. */
function methodLine(digest: Digest): string {
  return `Weeks run Monday to Sunday in ${digest.week.timezone}; costs per UTC day. ${modelledMethod(digest.priceDates)}.`;
}

export interface DigestBlockOptions {
  /** A preview: Post now and Settings buttons under it. */
  preview?: boolean;
  /** Where the chart is: "in the thread", "in the posted digest". */
  chartNote?: string;
}

export function digestBlocks(digest: Digest, options: DigestBlockOptions = {}): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header(clip(`Weekly hosting digest: ${digest.week.label}`, 150)),
    mrkdwn(`*${digest.verdict}*`),
  ];
  if (digest.unfinishedDay) blocks.push(mrkdwn(`:hourglass_flowing_sand: ${unfinishedDayNote(digest.unfinishedDay)}`));
  for (const section of [digest.aws, digest.heroku])
    blocks.push({ type: 'divider' }, ...platformBlocks(section, digest.unfinishedDay));
  const why = whyLines(digest);
  if (why.length > 0) {
    blocks.push(
      { type: 'divider' },
      mrkdwn(
        clip(
          `*Why it changed* (last week against the week before${digest.unfinishedDay ? ', Mon–Sat of each' : ''})\n${why.map((line) => `• ${neutraliseMarkup(line)}`).join('\n')}`,
          2900,
        ),
      ),
    );
  }
  if (digest.posture.length > 0) {
    blocks.push(
      { type: 'divider' },
      mrkdwn(
        clip(
          `*Compliance (live)*\n${digest.posture.map((line) => `${line.framework}: ${line.summary}`).join('\n')}`,
          2900,
        ),
      ),
    );
  }
  const parity = parityLines(digest.parity);
  if (parity.length > 0) {
    blocks.push(
      { type: 'divider' },
      mrkdwn(
        clip(
          `*Staging parity* (\`/hosting parity\` for the details)\n${parity.map((line) => `• ${line}`).join('\n')}`,
          2900,
        ),
      ),
    );
  }
  blocks.push(context(clip([methodLine(digest), ...(options.chartNote ? [options.chartNote] : [])].join(' '), 2900)));
  if (options.preview) {
    blocks.push({
      type: 'actions',
      block_id: 'digest_preview',
      elements: [
        {
          type: 'button',
          action_id: DIGEST_POST_NOW,
          style: 'primary',
          text: { type: 'plain_text', text: 'Post now' },
          value: digest.week.id,
        },
        {
          type: 'button',
          action_id: DIGEST_SETTINGS,
          text: { type: 'plain_text', text: 'Settings' },
          value: 'settings',
        },
      ],
    });
  }
  return blocks.slice(0, MAX_MESSAGE_BLOCKS);
}

function platformSentence(section: PlatformSection, unfinished: UnfinishedDay | undefined): string {
  const name = NAME[section.platform];
  if (section.status !== 'ok') return `${name}: no figures this week (${section.reason})`;
  const span = countedSpan(unfinished);
  const week = section.runRate
    ? `${formatUsd(section.lastWeek)} last week${span} at today's run-rate (no daily snapshots yet)`
    : section.notCompared
      ? `${formatUsd(section.lastWeek)} last week${span}, ${notComparedLabel(section.notCompared)}`
      : `${formatUsd(section.lastWeek)} last week${span} (${signedUsd(section.change)}, ${percentLabel(section.changePercent)})`;
  const forecast = section.forecastMonth ? `, forecast ${formatUsd(section.forecastMonth)}` : '';
  const t = section.translation;
  const other = t?.range ? `; on ${NAME[t.to]} (modelled) ${modelledRange(t.range)}` : '';
  return `${name}: ${week}; ${monthName(section.month)} to date ${formatUsd(section.monthToDate)}${forecast}${other}`;
}

/** The notification and screen-reader text: the headline figures and the verdict, in a few sentences. */
export function digestFallback(digest: Digest): string {
  return clip(
    `Weekly hosting digest: ${digest.week.label}. ${[digest.aws, digest.heroku].map((section) => platformSentence(section, digest.unfinishedDay)).join('. ')}. ${digest.verdict}`,
    3900,
  );
}
