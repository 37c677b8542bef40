export { compareApps } from './compare';
export { appCost, sharePercent } from './cost';
export { DYNO_CLASS_NAMES, type DynoClass, dynoClass } from './dyno-class';
export { compareAllPipelines, comparePipeline, riskCount } from './pipeline';
export { planTier } from './plan-tiers';
export {
  appCostText,
  CLASS_LABEL,
  costLineText,
  digestParityLine,
  matchingLine,
  matchSentence,
  pipelineMatches,
  plural,
  pricesLabel,
  renderParityText,
  shareClause,
  shareSentence,
  statusSentence,
  TOPIC_WORDS,
  usdCents,
} from './render-text';
export type * from './types';
