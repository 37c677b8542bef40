export { signedUsd } from '../spend/movers';
export { buildDigest, buildDigestSteps, digestPeriod, modelledMethod } from './build-digest';
export type { DigestInput, ModelledMonthly } from './input';
export { parityLines } from './parity';
export { countedPeriod, dailyRateBasis, notComparedLabel, percentLabel } from './platform-figures';

export { chartSummary, hasDailyCost, renderDigestText, whyLines } from './render-text';
export * from './schedule';
export * from './settings';
export type * from './types';
export { countedSpan, sixDayRunNote, unfinishedDayNote } from './unfinished-day';
export { lastCompleteWeek } from './week';
