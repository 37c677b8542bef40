export { parseEstimate } from './parse-estimate';
export { renderEstimateText } from './render-text';
export type { EstimateRequest, ParseResult } from './types';
