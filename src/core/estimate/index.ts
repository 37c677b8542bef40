export { MAX_INPUT_LENGTH } from './input-text';
export { parseEstimate } from './parse-estimate';
export { renderEstimateText } from './render-text';
export type { EstimateRequest, ParseResult } from './types';
export { AWS_EXAMPLE, HEROKU_EXAMPLE } from './vocabulary';
