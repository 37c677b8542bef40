export { buildDigest, digestPeriod, TREND_WEEKS } from './build-digest';
export type { AwsDigestInput, DigestInput, HerokuDigestInput, ModelledMonthly } from './input';
export { groupMovers, type MoverGroup } from './mover-groups';
export { digestParity, parityLines } from './parity';
export { percentLabel, signedUsd } from './platform-figures';
export { DIGEST_FRAMEWORKS, postureLines } from './posture';
export {
  chartSummary,
  digestTitle,
  platformHeading,
  platformLines,
  postureText,
  renderDigestText,
  whyHeading,
  whyLines,
} from './render-text';
export * from './schedule';
export * from './settings';
export type * from './types';
export { lastCompleteWeek, parseWeekId, weekStarting, weeksEndingWith } from './week';
