export { parseEstimate } from './parse-estimate';
export { PROCESS_NAME } from './read-process';
export { renderEstimateText } from './render-text';
export type { EstimateRequest, ParseResult } from './types';
export { FLAGS, SETTINGS } from './vocabulary';
