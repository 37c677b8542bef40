import type { App } from '@slack/bolt';
import type { Services } from '../../../services';
import { BUDGET_FORM } from '../../alerts/budget-form';
import { budgetFormSubmission } from '../../alerts/budget-form-listeners';
import { ViewRoutes } from '../routes';
import { DIGEST_SETTINGS_FORM } from './digest-settings-form';
import { digestSettingsSubmission } from './digest-settings-submission';
import { ESTIMATE_FORM } from './estimate-form';
import { estimateSubmission } from './estimate-submission';

export function register(app: App, services: Services): void {
  new ViewRoutes()
    .on(ESTIMATE_FORM, estimateSubmission(services))
    .on(BUDGET_FORM, budgetFormSubmission(services))
    .on(DIGEST_SETTINGS_FORM, digestSettingsSubmission(services))
    .register(app);
}
