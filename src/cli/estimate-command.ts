import { answerEstimate, type EstimateAnswer, estimateFromWords, liveAppIn } from '../answers/estimate';
// The modules themselves, not the grammar's index (one module fewer for every CLI start).
import { parseEstimate } from '../core/estimate/parse-estimate';
import { renderEstimateText } from '../core/estimate/render-text';
import type { Estimate, PlatformCost, PricedCostLine, TierCost } from '../core/model';
import { formatUsd, type Money, sumMoney } from '../core/money';
import { type CliArgsSpec, type CliOption, readCliArgsOrSay, terminalWords } from './cli-args';
import type { CliCommand, CliContext } from './cli-command';
import { boundedJson, verdictJson } from './verdict-json';

/** Dollars with two decimals, as a string: `1234.50`. */
const amount = (value: Money) => value.toFixed(2);

/**
 * A line as JSON: its own fields, `monthly` as shown (rounded once to the cent) right after the unit
 * price, and `monthlyExact` the unrounded product (a model line works it out only when read).
 */
function lineJson(line: PricedCostLine) {
  const json: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(line)) {
    if (key === 'monthly') continue;
    json[key] = key === 'unitPrice' ? line.unitPrice.toString() : value;
    if (key === 'unitPrice') json.monthly = amount(line.monthly);
  }
  json.monthlyExact = line.monthly.toString();
  return json;
}

const sumExact = (lines: readonly PricedCostLine[]) => sumMoney(lines.map((l) => l.monthly)).toString();

/** Cost lines as JSON: every total is the sum of the lines' shown amounts; exact sums are kept apart. */
function platformJson(cost: PlatformCost) {
  const infrastructure = cost.lines.filter((l) => l.category !== 'ops');
  return {
    platform: cost.platform,
    infrastructureMonthly: amount(cost.infrastructure),
    opsMonthly: amount(cost.ops),
    totalMonthly: amount(cost.total),
    exact: { infrastructureMonthly: sumExact(infrastructure), totalMonthly: sumExact(cost.lines) },
    display: { infrastructure: formatUsd(cost.infrastructure), total: formatUsd(cost.total) },
    lines: cost.lines.map(lineJson),
    unpriced: cost.unpriced,
  };
}

function tierJson(tier: TierCost) {
  return {
    id: tier.id,
    platform: tier.platform,
    description: tier.description,
    monthly: amount(tier.infrastructure),
    exact: { monthly: sumExact(tier.lines) },
    lines: tier.lines.map(lineJson),
    unpriced: tier.unpriced,
  };
}

function estimateJson(result: Estimate) {
  return {
    period: 'month',
    estimated: true,
    currency: 'USD',
    priceListDate: result.priceListDate,
    // The oldest and newest dates of the sources this answer's lines were priced from (the text's span).
    priceDates: result.priceDates,
    current: result.current,
    range: { low: amount(result.range.low), high: amount(result.range.high) },
    verdict: verdictJson(result.verdict),
    // Infrastructure and with ops on the verdict's tier, by its rule (`atLeast`, `breakEven`).
    ...boundedJson(result),
    withOps: boundedJson(result.withOps),
    excludesUnpriced: result.excludesUnpriced,
    tiers: result.tiers.map(tierJson),
    heroku: platformJson(result.heroku),
    aws: platformJson(result.aws),
    assumptions: result.assumptions,
    workload: result.workload,
  };
}

const ARGS = {
  options: { json: { type: 'boolean' } },
  optionsText: '--json',
  example: 'npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0 --json',
} satisfies CliArgsSpec<Record<string, CliOption>>;

/** `app=NAME` with HEROKU_API_TOKEN: the live app, read through the bot's store (its cached inventory). */
async function liveAppAnswer(words: string, context: CliContext): Promise<EstimateAnswer> {
  // Loaded only here: a described workload never opens the store.
  const { withLiveServices } = require('./live-services') as typeof import('./live-services');
  return withLiveServices(context, async (services, store) => {
    const answer = await answerEstimate(words, services);
    if (answer.kind === 'estimate' && answer.live) {
      const at = context.now();
      await store.audit({ at, actor: 'cli', action: 'estimate-app', detail: `estimated app ${answer.live.app}` });
    }
    return answer;
  });
}

export const estimateCliCommand: CliCommand = {
  name: 'estimate',
  usage: 'estimate <workload | app=NAME> [--json]',
  summary: 'price a workload on Heroku and model it on AWS (or the reverse with `aws`); app=NAME reads a live app',
  examples: [
    'estimate web=2xstandard-2x postgres=standard-0',
    'estimate aws web=2xm5.large rds=db.m6g.large multi-az --json',
    'estimate app=shop-api',
  ],
  async run(args, context) {
    const { io, prices, config } = context;
    const read = readCliArgsOrSay(args, ARGS, io);
    if (!read) return 'usage-error';
    const json = read.values.json === true;
    const words = read.words.join(' ');
    const book = await prices();
    // The words are read once, for both questions.
    const parsed = parseEstimate(words, book.catalog);
    const live =
      liveAppIn(words, book.catalog, parsed) !== undefined && config.herokuEnabled && config.HEROKU_API_TOKEN;
    const answer = live ? await liveAppAnswer(words, context) : estimateFromWords(words, book, parsed);
    switch (answer.kind) {
      case 'refused':
        io.err(terminalWords(answer.message));
        return 'usage-error';
      case 'no-prices':
      case 'failed':
        io.err(terminalWords(answer.message));
        return 'failed';
      case 'no-such-app':
        io.err(
          `There is no app named "${answer.app}" among the Heroku apps this token sees (heroku apps lists them).${answer.notListedYet ? ` ${answer.notListedYet}` : ''}`,
        );
        return 'failed';
      case 'form':
        io.err('Describe a workload, for example: npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0');
        return 'usage-error';
      case 'needs-heroku':
      case 'formation':
        io.err(
          `Estimating the live Heroku app "${answer.app}" needs HEROKU_API_TOKEN. Meanwhile, describe it: npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0`,
        );
        return 'failed';
      case 'estimate': {
        const pricingNote = answer.pricingNote && terminalWords(answer.pricingNote);
        const notes = [...(pricingNote ? [pricingNote] : []), ...(answer.live ? [liveNote(answer.live)] : [])];
        if (json) {
          const live = answer.live && {
            app: answer.live.app,
            environment: answer.live.environment,
            readAs: answer.live.readAs,
            asOf: answer.live.asOf.toISOString(),
            fromCache: answer.live.fromCache,
          };
          io.out(
            JSON.stringify(
              {
                ...(pricingNote ? { pricingNote } : {}),
                ...(live
                  ? {
                      live: {
                        ...live,
                        ...(answer.live?.staleBecause ? { staleBecause: answer.live.staleBecause } : {}),
                      },
                    }
                  : {}),
                ...estimateJson(answer.estimate),
              },
              null,
              2,
            ),
          );
        } else io.out([...notes.map((note) => `Note: ${note}`), renderEstimateText(answer.estimate)].join('\n'));
        return 'answered';
      }
    }
  },
};

function liveNote(live: NonNullable<Extract<EstimateAnswer, { kind: 'estimate' }>['live']>): string {
  const at = `${live.asOf.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `Live Heroku app ${live.app}, read ${at}${live.fromCache ? ' (cached)' : ''}${live.staleBecause ? `: could not refresh (${live.staleBecause})` : ''}; ${live.readAs}.`;
}
