import type { App, BlockAction, BlockButtonAction, BlockOverflowAction } from '@slack/bolt';
import type { Services } from '../../../services';
import { ALERT_ACTIONS } from '../../alerts/alert-blocks';
import { ADD_BUDGET } from '../../alerts/budget-form';
import { openBudgetForm } from '../../alerts/budget-form-listeners';
import { deleteBudgetFromHome } from '../../alerts/budget-home-listeners';
import { DELETE_BUDGET } from '../../alerts/budgets-home';
import { HOME_ACTIONS } from '../../home/home-blocks';
import { COMPLIANCE_DETAILS, EXPORT_CSV, EXPORT_MARKDOWN } from '../commands/compliance-blocks';
import { DIGEST_POST_NOW, DIGEST_SETTINGS } from '../commands/digest-blocks';
import { ESTIMATE_DETAILS, OPEN_COMPLIANCE, SHARE_ESTIMATE } from '../commands/estimate-blocks';
import { MIGRATE_DETAILS } from '../commands/migrate-blocks';
import { SPEND_DETAILS } from '../commands/spend-blocks';
import { ActionRoutes } from '../routes';
import { FORM_ACTIONS } from '../views/estimate-form';
import { alertAction, feedbackAct, simpleAct } from './alert-actions';
import { complianceDetails } from './compliance-details';
import { complianceExport, EXPORT_TO_CHANNEL } from './compliance-export';
import { digestPreviewPost } from './digest-preview-post';
import { estimateDetails } from './estimate-details';
import { estimateFormChange } from './estimate-form-actions';
import { homeDigestSettings } from './home-digest-settings';
import { homeExportAudit } from './home-export-audit';
import { homeMore } from './home-more';
import { homeNewEstimate } from './home-new-estimate';
import { homePostDigest } from './home-post-digest';
import { homeRefresh } from './home-refresh';
import { migrateDetails } from './migrate-details';
import { openCompliance } from './open-compliance';
import { shareEstimate } from './share-estimate';
import { spendDetails } from './spend-details';

export function register(app: App, services: Services): void {
  new ActionRoutes()
    .on<BlockButtonAction>(SHARE_ESTIMATE, shareEstimate(services))
    .on<BlockButtonAction>(ESTIMATE_DETAILS, estimateDetails(services))
    .on<BlockAction>(FORM_ACTIONS.platform, estimateFormChange(services, 'platform'))
    .on<BlockAction>(FORM_ACTIONS.addProcess, estimateFormChange(services, 'add-process'))
    .on<BlockButtonAction>(OPEN_COMPLIANCE, openCompliance(services))
    .on<BlockButtonAction>(EXPORT_MARKDOWN, complianceExport(services, 'markdown'))
    .on<BlockButtonAction>(EXPORT_CSV, complianceExport(services, 'csv'))
    .on<BlockButtonAction>(EXPORT_TO_CHANNEL, complianceExport(services, 'offered', true))
    .on<BlockButtonAction>(COMPLIANCE_DETAILS, complianceDetails(services))
    .on<BlockButtonAction>(SPEND_DETAILS, spendDetails(services))
    .on<BlockButtonAction>(MIGRATE_DETAILS, migrateDetails(services))
    .on<BlockButtonAction>(HOME_ACTIONS.refresh, homeRefresh(services, false))
    .on<BlockButtonAction>(HOME_ACTIONS.refreshNow, homeRefresh(services, true))
    .on<BlockButtonAction>(HOME_ACTIONS.postDigest, homePostDigest(services))
    .on<BlockButtonAction>(HOME_ACTIONS.newEstimate, homeNewEstimate(services))
    .on<BlockButtonAction>(HOME_ACTIONS.digestSettings, homeDigestSettings(services))
    .on<BlockButtonAction>(DIGEST_POST_NOW, digestPreviewPost(services))
    .on<BlockButtonAction>(DIGEST_SETTINGS, homeDigestSettings(services))
    .on<BlockButtonAction>(HOME_ACTIONS.exportAudit, homeExportAudit(services))
    .on<BlockButtonAction>(ADD_BUDGET, openBudgetForm(services))
    .on<BlockButtonAction>(DELETE_BUDGET, deleteBudgetFromHome(services))
    .on<BlockOverflowAction>(
      HOME_ACTIONS.more,
      homeMore({
        [HOME_ACTIONS.newEstimate]: homeNewEstimate(services),
        [HOME_ACTIONS.postDigest]: homePostDigest(services),
        [HOME_ACTIONS.digestSettings]: homeDigestSettings(services),
        [HOME_ACTIONS.refreshNow]: homeRefresh(services, true),
        [HOME_ACTIONS.exportAudit]: homeExportAudit(services),
      }),
    )
    .on<BlockAction>(ALERT_ACTIONS.acknowledge, alertAction(services, simpleAct({ kind: 'acknowledge' })))
    .on<BlockAction>(ALERT_ACTIONS.expected, alertAction(services, simpleAct({ kind: 'expected' })))
    .on<BlockAction>(ALERT_ACTIONS.snoozeDay, alertAction(services, simpleAct({ kind: 'snooze', days: 1 })))
    .on<BlockAction>(ALERT_ACTIONS.snoozeWeek, alertAction(services, simpleAct({ kind: 'snooze', days: 7 })))
    .on<BlockAction>(ALERT_ACTIONS.feedback, alertAction(services, feedbackAct))
    .register(app);
}
