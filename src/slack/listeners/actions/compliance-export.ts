import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { toCsv, toMarkdown } from '../../../core/compliance';
import { type ComplianceChecklist, resolveCompliance } from '../../../core/compliance/request';
import type { Services } from '../../../services';
import { ephemeral, type Message } from '../../message';
import { slackErrorCode, slackErrorText } from '../../slack-errors';
import { complianceReply, resolveOptions } from '../commands/compliance';

export type ExportFormat = 'markdown' | 'csv';

const FORMATS: Record<ExportFormat, { label: string; extension: string; cliFormat: string }> = {
  markdown: { label: 'Markdown', extension: 'md', cliFormat: 'md' },
  csv: { label: 'CSV', extension: 'csv', cliFormat: 'csv' },
};

function render(checklist: ComplianceChecklist, format: ExportFormat): string {
  const { framework, findings, meta } = checklist;
  return format === 'csv' ? toCsv(framework, findings, meta) : toMarkdown(framework, findings, meta);
}

/** Why the upload failed, in plain words, and what to do about it. */
export function uploadFailure(error: unknown, checklist: ComplianceChecklist, format: ExportFormat): Message {
  const code = slackErrorCode(error);
  const cli = `\`npx hosting-advisor compliance ${checklist.words} --format ${FORMATS[format].cliFormat}\``;
  switch (code) {
    case 'not_in_channel':
    case 'channel_not_found':
      return ephemeral(
        "I couldn't post the export here because I'm not a member of this channel. Invite @Hosting Advisor to the channel (type `/invite @Hosting Advisor`), then press the button again.",
      );
    case 'is_archived':
      return ephemeral(
        "This channel is archived, so I can't post the export in it. Press the button in an active channel.",
      );
    case 'missing_scope':
    case 'not_allowed_token_type':
    case 'no_permission':
    case 'restricted_action':
      return ephemeral(
        `I'm not allowed to upload files here (Slack said \`${code}\`). Ask whoever runs Hosting Advisor to check the app can upload files (the files:write permission). Meanwhile, ${cli} gives the same file.`,
      );
    case 'invalid_auth':
    case 'token_revoked':
    case 'account_inactive':
    case 'not_authed':
      return ephemeral(
        `I couldn't upload the export: ${slackErrorText(code, '')} Meanwhile, ${cli} gives the same file.`,
      );
    default:
      return ephemeral(
        `I couldn't upload the export${code ? ` (Slack said \`${code}\`)` : ''}. Nothing else changed; try again in a minute, or run ${cli} for the same file.`,
      );
  }
}

/** "Export Markdown" / "Export CSV": the checklist as a file, uploaded into the channel the button is in. */
export function complianceExport(services: Services, format: ExportFormat) {
  return async ({
    ack,
    action,
    body,
    client,
    respond,
    logger,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const tell = (message: Message) =>
      respond({ ...message, response_type: 'ephemeral', replace_original: false }).catch((error: unknown) =>
        logger.error('could not answer the compliance export button:', error),
      );

    const request = resolveCompliance(action.value ?? '', resolveOptions(services));
    if (request.kind !== 'checklist') {
      await tell(complianceReply(request, false));
      return;
    }
    const { checklist } = request;
    const channel = body.channel?.id;
    if (!channel) {
      await tell(
        ephemeral(
          `I can only upload the export into a channel, and this button isn't in one. Run \`/hosting compliance ${checklist.words}\` in a channel and press Export there.`,
        ),
      );
      return;
    }

    const { framework, meta } = checklist;
    const { label, extension } = FORMATS[format];
    const subject = meta.subject === undefined ? '' : ` for \`${meta.subject.replace(/`/g, "'").slice(0, 200)}\``;
    try {
      await client.filesUploadV2({
        channel_id: channel,
        filename: `${framework.id}-checklist-${meta.generatedAt}.${extension}`,
        title: `${framework.name} checklist (${label})`,
        content: render(checklist, format),
        initial_comment: `${framework.name} checklist${subject}, exported as ${label} by <@${body.user.id}>.`,
      });
    } catch (error) {
      logger.warn(`compliance export upload to ${channel} failed:`, slackErrorCode(error) ?? error);
      await tell(uploadFailure(error, checklist, format));
    }
  };
}
