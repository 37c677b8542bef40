/**
 * The weekly digest: actual cost per platform for the last complete week, the trend, movers,
 * month to date and forecast, what each platform's workload would cost on the other, a verdict,
 * the compliance posture and what the figures are. Pure: everything comes in `DigestInput`.
 */

import { utcDays } from '../heroku-run-rate';
import { formatUsd, fromCents } from '../money';
import { listPricesDated, mergePriceDates, type PriceDates } from '../price-dates';
import { finish, type Steps } from '../steps';
import { dayCount } from '../utc-days';
import { awsFigures } from './aws-figures';
import { herokuFigures, herokuRunRateFigures } from './heroku-figures';
import type { DigestInput, HerokuDigestInput } from './input';
import { digestParity } from './parity';
import type { Period } from './platform-figures';
import { postureLines } from './posture';
import type { Digest, DigestWhy, PlatformSection } from './types';
import { unfinishedDay } from './unfinished-day';
import { verdict } from './verdict';
import { weeksEndingWith } from './week';

const TREND_WEEKS = 4;

export function digestPeriod(input: Pick<DigestInput, 'week' | 'today'>): Period {
  const weeks = weeksEndingWith(input.week, TREND_WEEKS);
  return {
    weeks,
    weekDays: Math.min(7, dayCount(input.week.start, input.today)),
    days: utcDays(weeks[0]!.start, input.week.end),
    monthStart: `${input.today.slice(0, 7)}-01`,
    today: input.today,
  };
}

/**
 * Snapshots integrate what actually ran; until they reach back to the start of last week (the first
 * weeks after install) the run-rate stands in, labelled. Without either, say so, never $0.00.
 */
function* herokuSection(input: HerokuDigestInput, period: Period): Steps<PlatformSection> {
  const last = period.weeks[period.weeks.length - 1]!;
  // Snapshots from before last week began: the bot has seen the whole week (days it missed show as missing).
  const seenWholeWeek = input.snapshots.some((row) => row.day <= last.start);
  if (seenWholeWeek) return yield* herokuFigures(input, period);
  if (input.runRateMonthlyCents !== undefined) return herokuRunRateFigures(input, input.runRateMonthlyCents, period);
  const first = period.days[0]!;
  if (input.snapshots.some((row) => row.day >= first && row.day < period.today))
    return yield* herokuFigures(input, period);
  return {
    platform: 'heroku',
    status: 'failed',
    reason:
      'no daily formation snapshots cover these weeks yet, and Heroku could not be read for today’s run-rate. The bot takes a snapshot every day it runs.',
  };
}

/** Only platforms with figures say why they moved. */
function whyFor(why: DigestWhy, aws: PlatformSection, heroku: PlatformSection): DigestWhy {
  return {
    ...(heroku.status === 'ok' && why.heroku ? { heroku: why.heroku } : {}),
    ...(aws.status === 'ok' && why.aws ? { aws: why.aws } : {}),
  };
}

/** The dates of the sources the modelled figures shown were priced from, both platforms together. */
function modelledPriceDates(input: DigestInput): PriceDates | undefined {
  const modelled = [
    'status' in input.aws ? undefined : input.aws.onHeroku,
    'status' in input.heroku ? undefined : input.heroku.onAws,
  ];
  return mergePriceDates(modelled.map((m) => (m && 'monthly' in m ? m.priceDates : undefined)));
}

/** `Modelled costs: list prices from sources dated 2024-02-01 to 2026-10-02, infrastructure only …`. */
export function modelledMethod(priceDates: PriceDates | undefined): string {
  const prices = priceDates ? `${listPricesDated(priceDates)}, ` : '';
  return `Modelled costs: ${prices}infrastructure only (ops hours not counted)`;
}

export function buildDigest(input: DigestInput): Digest {
  return finish(buildDigestSteps(input));
}

/** `buildDigest` in steps (src/core/steps.ts): the bot builds a large account's digest between acks. */
export function* buildDigestSteps(input: DigestInput): Steps<Digest> {
  const period = digestPeriod(input);
  const aws: PlatformSection = 'status' in input.aws ? input.aws : awsFigures(input.aws, period);
  yield;
  const heroku: PlatformSection = 'status' in input.heroku ? input.heroku : yield* herokuSection(input.heroku, period);
  yield;
  const ce = input.costExplorer;
  const parity = digestParity(input.parity);
  const priceDates = modelledPriceDates(input);
  // Each of these reads every app of a large account.
  const posture = postureLines(input.inventory);
  yield;
  const why = input.why ? whyFor(input.why, aws, heroku) : undefined;
  yield;
  const unfinished = unfinishedDay(input.week, input.today);
  return {
    week: input.week,
    ...(unfinished ? { unfinishedDay: unfinished } : {}),
    weeks: period.weeks,
    days: period.days,
    aws,
    heroku,
    verdict: verdict(aws, heroku),
    posture,
    ...(parity ? { parity } : {}),
    ...(why ? { why } : {}),
    about: [
      `Week ${input.week.label} (${input.week.id}), weeks Monday to Sunday in ${input.week.timezone}; costs are per UTC day, as Cost Explorer and the Heroku snapshots count them.`,
      `${modelledMethod(priceDates)}; a modelled week is 168/730 of an AWS month or 7/30 of a Heroku month; a year is 52 weeks.`,
      `Cost Explorer requests for this digest: ${ce.requestsThisRun} (${formatUsd(fromCents(ce.requestsThisRun))} at $0.01 each); ${ce.requestsThisMonth} this month (${ce.month}).`,
    ],
    ...(priceDates ? { priceDates } : {}),
    generatedAt: input.generatedAt,
  };
}
