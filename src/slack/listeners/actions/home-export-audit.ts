import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { auditCsv } from '../../home/audit-csv';
import { slackErrorCode } from '../../slack-errors';
import { homeDashboard } from '../events/home-dashboard';

function failure(error: unknown): string {
  const code = slackErrorCode(error);
  if (code === 'missing_scope' || code === 'not_allowed_token_type') {
    return `Could not send the audit log: Slack said \`${code}\`. The app needs the im:write and files:write scopes; ask whoever runs Hosting Advisor to reinstall it from manifest.yml.`;
  }
  return `Could not send the audit log${code ? ` (Slack said \`${code}\`)` : ''}. Nothing was changed; try again in a minute.`;
}

/**
 * "Export audit log" (leads): who saw which cost data and when, as a CSV uploaded to the lead's
 * direct message with the bot. The export is itself recorded.
 */
export function homeExportAudit(services: Services) {
  return async ({ ack, body, client, logger }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const user = body.user.id;
    const dashboard = homeDashboard(services);
    let notice: string;
    try {
      if (!(await dashboard.leadOrGuide(client, user, logger))) return;
      const { store } = services;
      const now = services.now();
      const entries = await store.auditLog();
      const dm = await client.conversations.open({ users: user });
      const channel = dm.channel?.id;
      if (!channel) throw new Error('conversations.open gave no channel');
      const day = now.toISOString().slice(0, 10);
      await client.filesUploadV2({
        channel_id: channel,
        filename: `hosting-advisor-audit-${day}.csv`,
        title: `Hosting Advisor audit log, ${day}`,
        content: auditCsv(entries),
        initial_comment: `The audit log: ${entries.length} entries, who saw which cost data and when (never the figures themselves).`,
      });
      await store.audit({
        at: now,
        actor: user,
        action: 'audit-export',
        detail: `audit log, ${entries.length} entries, CSV to a direct message`,
      });
      notice = `Sent the audit log (${entries.length} entries) to you as a CSV in your direct messages with Hosting Advisor.`;
    } catch (error) {
      logger.warn(`audit log export for ${user} failed:`, slackErrorCode(error) ?? error);
      notice = failure(error);
    }
    try {
      await dashboard.publishLead(client, user, logger, await dashboard.cached(), { how: 'cached', notice });
    } catch (error) {
      logger.error(`could not publish App Home for ${user}:`, error);
    }
  };
}
