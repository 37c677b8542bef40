/**
 * `/hosting parity` as Block Kit: the verdict per pipeline first (risks, and what staging costs as a
 * share of production), then each difference in a line with why, and what matching would cost.
 * With many pipelines, one line each (`/hosting parity NAME` for the details). Pure.
 */
import type { KnownBlock } from '@slack/types';
import type { ParityAnswer } from '../../../answers/parity';
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
  usdCents,
} from '../../../core/parity';
import { clipAtWord, context, header, mrkdwn } from '../../block-kit';
import { MAX_MESSAGE_BLOCKS, type Message } from '../../message';
import { mrkdwnText } from './compliance-text';

export type ParityReportAnswer = Extract<ParityAnswer, { kind: 'report' }>;

const SECTION_LIMIT = 2900;
const CONTEXT_LIMIT = 1900;
/** Blocks kept free for the header, the summary and the foot. */
const RESERVED_BLOCKS = 4;

const risksOf = (pair: AppPair) => pair.differences.filter((d) => d.class === 'risk').length;

/** Risky pipelines first (most risks first), then those without risks, then those not compared. */
function ordered(pipelines: readonly PipelineParity[]): PipelineParity[] {
  const rank = (p: PipelineParity) => (p.status !== 'compared' ? -1 : riskCount(p));
  return [...pipelines].sort((a, b) => rank(b) - rank(a) || a.pipeline.localeCompare(b.pipeline));
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
    const unpriced = pair.toMatchUnpriced.length > 0 ? ', plus what has no list price' : '';
    const items = toMatch.map((line) => costLineText(line, '+')).join('; ');
    blocks.push(
      context(
        clipAtWord(`Removing the risks: *+${usdCents(pair.toMatchCents)}/mo*${unpriced} = ${items}`, CONTEXT_LIMIT),
      ),
    );
  }
  return blocks;
}

function detailBlocks(pipeline: PipelineParity): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'divider' }, mrkdwn(clipAtWord(pipelineVerdict(pipeline), SECTION_LIMIT))];
  const several = pipeline.pairs.length > 1;
  for (const pair of pipeline.pairs) blocks.push(...pairBlocks(pair, several));
  const foot = [...pipeline.notes];
  if (pipeline.status === 'compared' && pipeline.fullCopyCents > 0 && riskCount(pipeline) > 0) {
    foot.unshift(fullCopySentence(pipeline));
  }
  if (foot.length > 0) blocks.push(context(clipAtWord(foot.join('\n'), CONTEXT_LIMIT)));
  return blocks;
}

/** One line per pipeline, packed into as few sections as the text limit allows. */
function compactBlocks(pipelines: readonly PipelineParity[]): KnownBlock[] {
  const sections: string[] = [];
  for (const line of pipelines.map(pipelineVerdict)) {
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
  const fits = head.length + detailed.length + RESERVED_BLOCKS <= MAX_MESSAGE_BLOCKS;
  const about = [
    `Figures ${pricesLabel(answer.report.priceDates)}; ${answer.freshness}.`,
    ...answer.report.notes,
    ...(fits ? [] : ['One line per pipeline here: `/hosting parity NAME` shows the differences of one.']),
  ];
  return [
    ...head,
    ...(fits ? detailed : compactBlocks(pipelines)),
    context(clipAtWord(about.join('\n'), CONTEXT_LIMIT)),
  ].slice(0, MAX_MESSAGE_BLOCKS);
}

export function parityMessage(answer: ParityReportAnswer, share: boolean): Message {
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: fallback(ordered(answer.report.pipelines)),
    blocks: parityBlocks(answer),
  };
}
