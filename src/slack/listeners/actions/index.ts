import type { App, BlockButtonAction } from '@slack/bolt';
import type { Services } from '../../../services';
import { EXPORT_CSV, EXPORT_MARKDOWN } from '../commands/compliance-blocks';
import { OPEN_COMPLIANCE, SHARE_ESTIMATE } from '../commands/estimate-blocks';
import { complianceExport } from './compliance-export';
import { openCompliance } from './open-compliance';
import { shareEstimate } from './share-estimate';

export function register(app: App, services: Services): void {
  app.action<BlockButtonAction>(SHARE_ESTIMATE, shareEstimate(services));
  app.action<BlockButtonAction>(OPEN_COMPLIANCE, openCompliance(services));
  app.action<BlockButtonAction>(EXPORT_MARKDOWN, complianceExport(services, 'markdown'));
  app.action<BlockButtonAction>(EXPORT_CSV, complianceExport(services, 'csv'));
}
