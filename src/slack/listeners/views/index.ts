import type { App } from '@slack/bolt';
import type { Services } from '../../../services';
import { ESTIMATE_FORM } from './estimate-form';
import { estimateSubmission } from './estimate-submission';

export function register(app: App, services: Services): void {
  app.view(ESTIMATE_FORM, estimateSubmission(services));
}
