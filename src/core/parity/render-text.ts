import { andList } from '../model/describe';
import { byKind, LEFT_OUT_WORDS } from '../model/left-out';
import { formatUsd, fromCents } from '../money';
import { listPricesDated } from '../price-dates';
import { riskCount } from './pipeline';
import type {
  AppCost,
  AppPair,
  Difference,
  DifferenceTopic,
  ParityCostLine,
  ParityReport,
  PipelineParity,
  PricesUsed,
} from './types';

/** Plain text of a parity report (the CLI; Slack's notification text) and the pieces Slack reuses. */

export const usdCents = (cents: number) => formatUsd(fromCents(cents));

const CLASS_LABEL: Record<Difference['class'], string> = { risk: 'RISK', 'cost-choice': 'COST CHOICE' };

/**
 * What the amounts stand on, each with its date: `estimated at Heroku list prices from sources dated
 * 2024-07-01 to 2026-08-04; other add-ons at the prices Heroku bills, read 2026-12-07`. A pipeline's
 * own amounts give its basis; the report's, every pipeline's together.
 */
export function pricesBasis(used: PricesUsed): string {
  const { priceDates, billedOn } = used;
  const billed = billedOn ? `the prices Heroku bills, read ${billedOn}` : 'the prices Heroku bills';
  if (!priceDates) return `at ${billed}`;
  const listed = `estimated at Heroku ${listPricesDated(priceDates)}`;
  return billedOn ? `${listed}; other add-ons at ${billed}` : listed;
}

/** `a month, estimated at Heroku list prices …`: the figures' period and basis. */
export const pricesLabel = (used: PricesUsed) => `a month, ${pricesBasis(used)}`;

export function costLineText(line: ParityCostLine, sign = ''): string {
  // Not "no list price": a Key-Value Store premium-7 has one, the bundled list lacks it; the note says which.
  const amount = line.monthlyCents === null ? 'no amount' : `${sign}${usdCents(line.monthlyCents)}/mo`;
  const note = line.note ? `; ${line.note}` : '';
  return `${line.item}: ${amount} (${line.source}${note})`;
}

/** `shop-staging $100.00/mo = web: 1 × Standard-2X $50.00 + Heroku Postgres standard-0 $50.00`. */
function appCostText(cost: AppCost): string {
  const parts = cost.lines.map((line) => `${line.item} ${usdCents(line.monthlyCents ?? 0)}`);
  const unpriced = cost.unpriced.length > 0 ? ` (not counted: ${cost.unpriced.map((l) => l.item).join(', ')})` : '';
  return `${cost.app} ${usdCents(cost.monthlyCents)}/mo${parts.length > 0 ? ` = ${parts.join(' + ')}` : ''}${unpriced}`;
}

/** An app the token could not read has a cost nobody could read: figures that leave it out say so. */
const onlyReadable = (pipeline: PipelineParity, lead: string) =>
  pipeline.unreadable.length > 0 ? `${lead}counting only the apps this token can read` : '';

/**
 * Lines without an amount, by stage and kind in the words every answer uses (`LEFT_OUT_WORDS`):
 * `1 production item without a public price`, `2 staging items without a monthly price and 1 production
 * item without a public price`; '' when none.
 */
function unpricedItems(pipeline: PipelineParity): string {
  const sides: [readonly AppCost[], string][] = [
    [pipeline.staging, 'staging'],
    [pipeline.production, 'production'],
  ];
  return andList(
    sides.flatMap(([costs, side]) =>
      byKind(costs.flatMap((cost) => cost.unpriced)).map(
        ({ kind, lines }) => `${plural(lines.length, `${side} item`)} ${LEFT_OUT_WORDS[kind].what}`,
      ),
    ),
  );
}

/** A stage's priced lines are a lower bound when it has lines without an amount: `≥ $1,080.00`. */
const stageAmount = (cents: number, unpriced: number) => `${unpriced > 0 ? '≥ ' : ''}${usdCents(cents)}`;

/** `, counting only the items priced (not counted: 1 production item)`, or ''. */
const onlyPriced = (pipeline: PipelineParity) => {
  const items = unpricedItems(pipeline);
  return items ? `, counting only the items priced (not counted: ${items})` : '';
};

/** What staging would cost more (or, when staging costs more than production now, less) as a copy of production. */
export const fullCopySentence = (pipeline: PipelineParity) => {
  const qualifiers = `${onlyReadable(pipeline, ', ')}${onlyPriced(pipeline)}`;
  const less = pipeline.stagingCents - pipeline.productionCents;
  return less > 0
    ? `A full copy of production would cost ${usdCents(less)}/mo less than staging does now${qualifiers}.`
    : `A full copy of production would add ${usdCents(pipeline.fullCopyCents)}/mo to staging${qualifiers}.`;
};

function shareSentence(pipeline: PipelineParity): string {
  const staging = stageAmount(pipeline.stagingCents, pipeline.stagingUnpriced);
  const production = stageAmount(pipeline.productionCents, pipeline.productionUnpriced);
  const qualifiers = `${onlyReadable(pipeline, ', ')}${onlyPriced(pipeline)}`;
  if (pipeline.sharePercent === null) {
    return `Staging costs ${staging}/mo; production costs ${production}/mo${qualifiers}, so there is no share to give.`;
  }
  return `Staging costs ${staging}/mo, ${pipeline.sharePercent}% of production's ${production}/mo${qualifiers}.`;
}

function matchSentence(pair: AppPair): string {
  const unpriced = pair.toMatchUnpriced.length > 0 ? ', plus what is not priced' : '';
  return `Removing the risks of ${pair.staging} would add ${usdCents(pair.toMatchCents)}/mo${unpriced}.`;
}

const PARITY_TOPICS = 'stack, region, space, buildpacks, process types, dyno classes, add-ons and config var names';

/** True when every compared pair has no difference at all, and no app of the stages went unread. */
const pipelineMatches = (pipeline: PipelineParity) =>
  pipeline.status === 'compared' &&
  pipeline.unreadable.length === 0 &&
  pipeline.pairs.every((pair) => pair.differences.length === 0);

export function statusSentence(pipeline: PipelineParity): string | undefined {
  switch (pipeline.status) {
    case 'no-staging':
      return `Pipeline ${pipeline.pipeline} has no staging app this token can read, so there is nothing to compare production with. Couple one with \`heroku pipelines:add ${pipeline.pipeline} --stage staging\`.`;
    case 'no-production':
      return `Pipeline ${pipeline.pipeline} has no production app this token can read, so staging cannot be compared. Couple one with \`heroku pipelines:add ${pipeline.pipeline} --stage production\`.`;
    case 'no-apps':
      return `Pipeline ${pipeline.pipeline} has neither a staging nor a production app this token can read, so there is nothing to compare. Couple them with \`heroku pipelines:add ${pipeline.pipeline} --stage production\` and \`heroku pipelines:add ${pipeline.pipeline} --stage staging\`.`;
    case 'nothing-readable':
      return `Pipeline ${pipeline.pipeline}: this token cannot read any of its staging or production apps.`;
    default:
      return undefined;
  }
}

/** The one line a matching pipeline gets. */
function matchingLine(pipeline: PipelineParity): string {
  return `Pipeline ${pipeline.pipeline}: staging matches production (${PARITY_TOPICS}). ${shareSentence(pipeline)} Figures ${pricesLabel(pipeline)}.`;
}

function pipelineText(pipeline: PipelineParity): string[] {
  const status = statusSentence(pipeline);
  const notes = pipeline.notes.map((note) => `  Note: ${note}`);
  if (status) return [status, ...notes];
  if (pipelineMatches(pipeline)) return [matchingLine(pipeline), ...notes];
  const lines = [`Pipeline ${pipeline.pipeline}: staging against production (figures ${pricesLabel(pipeline)})`];
  for (const pair of pipeline.pairs) {
    const risks = pair.differences.filter((d) => d.class === 'risk').length;
    const choices = pair.differences.length - risks;
    lines.push(
      `  ${pair.staging} against ${pair.production}: ${plural(risks, 'risk')}, ${plural(choices, 'cost choice')}`,
    );
    for (const difference of pair.differences) {
      lines.push(`    ${CLASS_LABEL[difference.class]}: ${difference.what}`, `      why: ${difference.why}`);
    }
    if (pair.toMatch.length + pair.toMatchUnpriced.length > 0) {
      lines.push(`    ${matchSentence(pair)}`);
      for (const line of [...pair.toMatch, ...pair.toMatchUnpriced]) lines.push(`      + ${costLineText(line)}`);
    }
  }
  lines.push(`  ${shareSentence(pipeline)}`);
  for (const cost of [...pipeline.staging, ...pipeline.production]) lines.push(`    ${appCostText(cost)}`);
  lines.push(`  ${fullCopySentence(pipeline)}`);
  return [...lines, ...notes];
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderParityText(report: ParityReport): string {
  const pipelines = report.pipelines.map((pipeline) => pipelineText(pipeline).join('\n'));
  const notes = report.notes.length > 0 ? [report.notes.map((note) => `Note: ${note}`).join('\n')] : [];
  return [...pipelines, ...notes].join('\n\n');
}

/** Topics in words, for one-line summaries (the digest, App Home). */
export const TOPIC_WORDS: Record<DifferenceTopic, string> = {
  stack: 'stack',
  region: 'region',
  space: 'space',
  buildpacks: 'buildpacks',
  process: 'process types',
  'dyno-class': 'dyno classes',
  'dyno-size': 'dyno sizes',
  'add-on': 'add-ons',
  'shared-add-on': "production's add-ons used by staging",
  'plan-tier': 'plan tiers',
  'plan-size': 'plan sizes',
  'config-vars': 'config var names',
};

/** `staging costs 58.5% of production ($162.34 of $277.34 a month at list prices)`. */
export function shareClause(pipeline: PipelineParity): string {
  const staging = stageAmount(pipeline.stagingCents, pipeline.stagingUnpriced);
  const production = stageAmount(pipeline.productionCents, pipeline.productionUnpriced);
  const items = unpricedItems(pipeline);
  const notCounted = items ? `; not counted: ${items}` : '';
  const readable = onlyReadable(pipeline, ', ');
  if (pipeline.sharePercent === null) {
    return `staging costs ${staging} a month and production ${production} at list prices${readable}${notCounted}, so there is no share to give`;
  }
  const share = items
    ? `${pipeline.sharePercent}% of production, counting only the items priced`
    : `${pipeline.sharePercent}% of production`;
  return `staging costs ${share} (${staging} of ${production} a month at list prices${readable}${notCounted})`;
}

/**
 * The digest's line for a pipeline with risks (undefined when it has none):
 * `shop: 4 risks (stack, process types, add-ons, config var names); staging costs 58.5% of production (…)`.
 */
export function digestParityLine(pipeline: PipelineParity): string | undefined {
  const risks = riskCount(pipeline);
  if (risks === 0) return undefined;
  const topics = [
    ...new Set(
      pipeline.pairs.flatMap((pair) =>
        pair.differences.filter((d) => d.class === 'risk').map((d) => TOPIC_WORDS[d.topic]),
      ),
    ),
  ];
  return `${pipeline.pipeline}: ${plural(risks, 'risk')} (${topics.join(', ')}); ${shareClause(pipeline)}`;
}
