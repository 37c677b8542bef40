/**
 * `/hosting parity` as Block Kit: the verdict per pipeline first (risks, and what staging costs as a
 * share of production), then each difference in a line with why, and what matching would cost.
 * With many pipelines, one line each (`/hosting parity NAME` for the details). Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { ParityAnswer } from '../../../answers/parity';
import { naturalOrder } from '../../../core/natural-order';
import {
  type AppPair,
  costLineText,
  fullCopySentence,
  type PipelineParity,
  plural,
  pricesLabel,
  riskCount,
  shareClause,
  statusSentence,
  TOPIC_WORDS,
  usdCents,
} from '../../../core/parity';
import { clipAtWord, context, header, mrkdwn, packed } from '../../block-kit';
import { MAX_MESSAGE_BLOCKS, type Message } from '../../message';
import { mrkdwnText } from './compliance-text';

export type ParityReportAnswer = Extract<ParityAnswer, { kind: 'report' }>;

const SECTION_LIMIT = 2900;
const CONTEXT_LIMIT = 1900;
/** Blocks kept free for the header, the summary and the foot. */
const RESERVED_BLOCKS = 4;
/**
 * Characters of block text a message may hold: Slack refuses a message of about 13,000 with
 * msg_blocks_too_long (slackapi/bolt-js#2509), whatever its block count; the header, summary and
 * foot take the rest.
 */
const TEXT_BUDGET = 10_000;

type Shown = { text?: { text?: string }; elements?: { text?: string }[] };

/** The characters of text the blocks show. */
const textLength = (blocks: readonly KnownBlock[]) =>
  (blocks as readonly Shown[]).reduce(
    (n, block) =>
      n + (block.text?.text?.length ?? 0) + (block.elements ?? []).reduce((m, e) => m + (e.text?.length ?? 0), 0),
    0,
  );

/** As many lines as `budget` characters hold, the rest counted in a last line made by `more`. */
function withinBudget(lines: readonly string[], budget: number, more: (left: number) => string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const [index, line] of lines.entries()) {
    if (used + line.length + 1 > budget) return [...kept, more(lines.length - index)];
    kept.push(line);
    used += line.length + 1;
  }
  return kept;
}

const risksOf = (pair: AppPair) => pair.differences.filter((d) => d.class === 'risk').length;

/** Risky pipelines first (most risks first), then those without risks, then those not compared. */
function ordered(pipelines: readonly PipelineParity[]): PipelineParity[] {
  const rank = (p: PipelineParity) => (p.status !== 'compared' ? -1 : riskCount(p));
  return [...pipelines].sort((a, b) => rank(b) - rank(a) || naturalOrder(a.pipeline, b.pipeline));
}

/** `*shop* :warning: *4 risks* · staging costs 58.5% of production ($162.34 of $277.34 a month at list prices)`. */
function pipelineVerdict(pipeline: PipelineParity): string {
  const name = `*${pipeline.pipeline}*`;
  const status = statusSentence(pipeline);
  if (status) {
    // `Pipeline lonely has no staging app…` → `It has no staging app…`; `Pipeline x: this token…` → `This token…`.
    const said = status.replace(/^Pipeline \S+: /, '').replace(/^Pipeline \S+ /, 'It ');
    return `${name} :grey_question: not compared. ${said.charAt(0).toUpperCase()}${said.slice(1)}`;
  }
  const risks = riskCount(pipeline);
  const choices = pipeline.pairs.reduce((n, pair) => n + pair.differences.length - risksOf(pair), 0);
  const verdict =
    risks > 0
      ? `:warning: *${plural(risks, 'risk')}*${choices > 0 ? `, ${plural(choices, 'cost choice')}` : ''}`
      : choices > 0
        ? `:white_check_mark: no risks; ${plural(choices, 'cost choice')}`
        : pipeline.unreadable.length > 0
          ? ':white_check_mark: no differences in the apps this token can read'
          : ':white_check_mark: staging matches production';
  return `${name} ${verdict} · ${shareClause(pipeline)}`;
}

function pairBlocks(pair: AppPair, several: boolean): KnownBlock[] {
  if (pair.differences.length === 0) return several ? [context(`${pair.staging} matches ${pair.production}.`)] : [];
  const lines = pair.differences.map(
    (d) => `*${d.class === 'risk' ? 'Risk' : 'Cost choice'}* · ${mrkdwnText(d.what)}\n      _${mrkdwnText(d.why)}_`,
  );
  const title = several ? [`_${pair.staging} against ${pair.production}_`] : [];
  const blocks: KnownBlock[] = [mrkdwn(clipAtWord([...title, ...lines].join('\n'), SECTION_LIMIT))];
  const toMatch = [...pair.toMatch, ...pair.toMatchUnpriced];
  if (toMatch.length > 0) {
    const unpriced = pair.toMatchUnpriced.length > 0 ? ', plus what is not priced' : '';
    const items = toMatch.map((line) => costLineText(line, '+')).join('; ');
    blocks.push(
      context(
        clipAtWord(`Removing the risks: *+${usdCents(pair.toMatchCents)}/mo*${unpriced} = ${items}`, CONTEXT_LIMIT),
      ),
    );
  }
  return blocks;
}

/**
 * A pipeline's verdict, and under it the dates of the prices its own figures used (not the whole
 * report's, which the foot gives): a pipeline not compared shows no figure, so it gets no date.
 */
function verdictBlocks(pipeline: PipelineParity): KnownBlock[] {
  const verdict = mrkdwn(clipAtWord(pipelineVerdict(pipeline), SECTION_LIMIT));
  return pipeline.status === 'compared' ? [verdict, context(`Figures ${pricesLabel(pipeline)}.`)] : [verdict];
}

function detailBlocks(pipeline: PipelineParity): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'divider' }, ...verdictBlocks(pipeline)];
  const several = pipeline.pairs.length > 1;
  for (const pair of pipeline.pairs) blocks.push(...pairBlocks(pair, several));
  const foot = [...pipeline.notes];
  if (pipeline.status === 'compared' && pipeline.fullCopyCents > 0 && riskCount(pipeline) > 0) {
    foot.unshift(fullCopySentence(pipeline));
  }
  if (foot.length > 0) blocks.push(context(clipAtWord(foot.join('\n'), CONTEXT_LIMIT)));
  return blocks;
}

/** `_api-staging against api_: 3 risks (space, dyno classes, plan tiers); removing them +$515.00/mo`. */
function pairLine(pair: AppPair): string {
  const risks = pair.differences.filter((d) => d.class === 'risk');
  const choices = pair.differences.length - risks.length;
  if (pair.differences.length === 0) return `_${pair.staging} against ${pair.production}_: matches`;
  const topics = [...new Set(risks.map((d) => TOPIC_WORDS[d.topic]))].join(', ');
  const counted = [
    ...(risks.length > 0 ? [`${plural(risks.length, 'risk')} (${topics})`] : []),
    ...(choices > 0 ? [plural(choices, 'cost choice')] : []),
  ].join(', ');
  const unpriced = pair.toMatchUnpriced.length > 0 ? ', plus what is not priced' : '';
  const cost = risks.length > 0 ? `; removing the risks +${usdCents(pair.toMatchCents)}/mo${unpriced}` : '';
  return `_${pair.staging} against ${pair.production}_: ${counted}${cost}`;
}

/** One pipeline whose differences in full are too long for a message: its verdict, then a line per pair. */
function pairLineBlocks(pipeline: PipelineParity): KnownBlock[] {
  const lines = withinBudget(
    pipeline.pairs.map(pairLine),
    TEXT_BUDGET,
    (left) => `… and ${plural(left, 'more staging app')}.`,
  );
  const foot = [...pipeline.notes];
  if (pipeline.status === 'compared' && riskCount(pipeline) > 0) foot.unshift(fullCopySentence(pipeline));
  return [
    { type: 'divider' },
    ...verdictBlocks(pipeline),
    ...packed(lines, mrkdwn, SECTION_LIMIT),
    ...(foot.length > 0 ? [context(clipAtWord(foot.join('\n'), CONTEXT_LIMIT))] : []),
  ];
}

/** One line per pipeline, packed into as few sections as the text limit allows. */
function compactBlocks(pipelines: readonly PipelineParity[]): KnownBlock[] {
  const sections: string[] = [];
  const verdicts = withinBudget(
    pipelines.map(pipelineVerdict),
    TEXT_BUDGET,
    (left) => `… and ${plural(left, 'more pipeline')}: ${someNames(pipelines.slice(-left).map((p) => p.pipeline))}.`,
  );
  for (const line of verdicts) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= SECTION_LIMIT)
      sections[sections.length - 1] = `${last}\n${line}`;
    else sections.push(clipAtWord(line, SECTION_LIMIT));
  }
  return [{ type: 'divider' }, ...sections.map(mrkdwn)];
}

/** At most this many names in the summary; the lines below name every pipeline. */
const SUMMARY_NAMES = 5;

const someNames = (names: string[]) =>
  names.length <= SUMMARY_NAMES
    ? names.join(', ')
    : `${names.slice(0, SUMMARY_NAMES).join(', ')} and ${names.length - SUMMARY_NAMES} more`;

/** `1 of 3 pipelines has risks: shop (4). Without risks: docs. Not compared: lonely.` */
function summary(pipelines: readonly PipelineParity[]): string {
  const risky = pipelines.filter((p) => p.status === 'compared' && riskCount(p) > 0);
  const calm = pipelines.filter((p) => p.status === 'compared' && riskCount(p) === 0);
  const open = pipelines.filter((p) => p.status !== 'compared');
  const risks = someNames(risky.map((p) => `${p.pipeline} (${riskCount(p)})`));
  const parts = [
    `*${risky.length} of ${plural(pipelines.length, 'pipeline')} ${risky.length === 1 ? 'has' : 'have'} risks*${risky.length > 0 ? `: ${risks}` : ''}.`,
  ];
  if (calm.length > 0) parts.push(`Without risks: ${someNames(calm.map((p) => p.pipeline))}.`);
  if (open.length > 0) parts.push(`Not compared: ${someNames(open.map((p) => p.pipeline))}.`);
  return parts.join(' ');
}

function fallback(pipelines: readonly PipelineParity[]): string {
  const lines = pipelines.map((p) =>
    pipelineVerdict(p)
      .replace(/:[a-z_]+: /g, '')
      .replace(/\*/g, ''),
  );
  return clipAtWord(`Staging parity: ${lines.join('. ')}`, 3900);
}

export function parityBlocks(answer: ParityReportAnswer): KnownBlock[] {
  const pipelines = ordered(answer.report.pipelines);
  const title = pipelines.length === 1 ? `Staging parity: ${pipelines[0].pipeline}` : 'Staging parity';
  const head: KnownBlock[] = [header(clipAtWord(title, 150))];
  if (pipelines.length > 1) head.push(mrkdwn(clipAtWord(summary(pipelines), SECTION_LIMIT)));
  const detailed = pipelines.flatMap(detailBlocks);
  const fits =
    head.length + detailed.length + RESERVED_BLOCKS <= MAX_MESSAGE_BLOCKS && textLength(detailed) <= TEXT_BUDGET;
  const one = pipelines.length === 1 ? pipelines[0] : undefined;
  const how = one
    ? `One line per staging app here: \`npx hosting-advisor parity ${one.pipeline}\` in a terminal prints each difference with why.`
    : 'One line per pipeline here: `/hosting parity NAME` shows the differences of one.';
  const about = [
    `Figures ${pricesLabel(answer.report)}; ${answer.freshness}.`,
    ...answer.report.notes,
    ...(fits ? [] : [how]),
  ];
  const body = fits ? detailed : one ? pairLineBlocks(one) : compactBlocks(pipelines);
  // Set apart from the last pipeline, whose own dates sit under its verdict: this line spans them all.
  const foot: KnownBlock[] = [{ type: 'divider' }, context(clipAtWord(about.join('\n'), CONTEXT_LIMIT))];
  return [...head, ...body, ...foot].slice(0, MAX_MESSAGE_BLOCKS);
}

export function parityMessage(answer: ParityReportAnswer, share: boolean): Message {
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: fallback(ordered(answer.report.pipelines)),
    blocks: parityBlocks(answer),
  };
}
