import type { App } from '@slack/bolt';
import type { Services } from '../../../services';
import { BUDGET_FORM } from '../../alerts/budget-form';
import { budgetFormSubmission } from '../../alerts/budget-form-listeners';
import { DIGEST_SETTINGS_FORM } from './digest-settings-form';
import { digestSettingsSubmission } from './digest-settings-submission';
import { ESTIMATE_FORM } from './estimate-form';
import { estimateSubmission } from './estimate-submission';

export function register(app: App, services: Services): void {
  app.view(ESTIMATE_FORM, estimateSubmission(services));
  app.view(BUDGET_FORM, budgetFormSubmission(services));
  app.view(DIGEST_SETTINGS_FORM, digestSettingsSubmission(services));
}
