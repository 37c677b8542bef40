export { compareAllPipelines, riskCount } from './pipeline';

export {
  costLineText,
  digestParityLine,
  fullCopySentence,
  plural,
  pricesBasis,
  pricesLabel,
  renderParityText,
  shareClause,
  statusSentence,
  TOPIC_WORDS,
  usdCents,
} from './render-text';
export type * from './types';
