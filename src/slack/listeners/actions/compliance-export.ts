import { type ComplianceChecklist, exportMeta, resolveCompliance } from '../../../answers/compliance';
import { toCsv, toMarkdown } from '../../../core/compliance';
import type { Services } from '../../../services';
import { pressedBy } from '../../asker';
import { ephemeral, type Message } from '../../message';
import { slackErrorCode, slackErrorText } from '../../slack-errors';
import { checklistForAsker, resolveOptions } from '../commands/compliance';
import type { ButtonArgs } from './open-view';
import { tellPresser } from './tell-presser';

export type ExportFormat = 'markdown' | 'csv';

const FORMATS: Record<ExportFormat, { label: string; extension: string; cliFormat: string }> = {
  markdown: { label: 'Markdown', extension: 'md', cliFormat: 'md' },
  csv: { label: 'CSV', extension: 'csv', cliFormat: 'csv' },
};

function render(checklist: ComplianceChecklist, format: ExportFormat): string {
  const { framework, findings } = checklist;
  const meta = exportMeta(checklist);
  return format === 'csv' ? toCsv(framework, findings, meta) : toMarkdown(framework, findings, meta);
}

/** Why the upload failed, in plain words, and what to do about it. */
function uploadFailure(error: unknown, checklist: ComplianceChecklist, format: ExportFormat): Message {
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

/** The button that posts an export in the channel after all: its value is `format|words`. */
export const EXPORT_TO_CHANNEL = 'compliance_export_to_channel';

const offerValue = (format: ExportFormat, words: string) => `${format}|${words}`;
function parseOffer(value: string): { format: ExportFormat; words: string } {
  const bar = value.indexOf('|');
  const format = value.slice(0, bar) === 'csv' ? 'csv' : 'markdown';
  return { format, words: value.slice(bar + 1) };
}

/**
 * "Export Markdown" / "Export CSV": the checklist as a file, sent to the person who asked in a direct
 * message (a private answer stays private). With `toChannel`, the file goes into the channel the
 * button is in: what the "Post in channel" button offered after the direct message does.
 */
export function complianceExport(services: Services, format: ExportFormat | 'offered', toChannel = false) {
  return async (args: ButtonArgs) => {
    const { ack, action, body, client, respond, logger } = args;
    await ack();
    const tell = tellPresser(respond, logger, 'compliance export button');

    const offered = format === 'offered' ? parseOffer(action.value ?? '') : undefined;
    const chosen: ExportFormat = offered?.format ?? (format as ExportFormat);
    const request = resolveCompliance(offered?.words ?? action.value ?? '', resolveOptions(services));
    const channel = body.channel?.id;
    // Into the channel, a live checklist goes only where spend may be posted (asked as a share there);
    // to the DM, the same question decides whether "Post in channel" is offered at all.
    const live = request.kind === 'live';
    const resolved = await checklistForAsker(request, pressedBy(services, args, toChannel || live));
    if (resolved.kind !== 'checklist') {
      await tell(resolved.message);
      return;
    }
    const { checklist } = resolved;
    if (toChannel && live && !resolved.share) {
      await tell(ephemeral(resolved.shareNote ?? 'Live checklists are posted only in channels leads have allowed.'));
      return;
    }
    if (toChannel && !channel) {
      await tell(
        ephemeral(
          `I can only post the export into a channel, and this button isn't in one. Run \`/hosting compliance ${checklist.words}\` in a channel and press Export there.`,
        ),
      );
      return;
    }

    const { framework, meta } = checklist;
    const { label, extension } = FORMATS[chosen];
    const subject = meta.subject === undefined ? '' : ` for \`${meta.subject.replace(/`/g, "'").slice(0, 200)}\``;
    const user = body.user.id;
    let target = channel ?? '';
    try {
      if (!toChannel) {
        const dm = await client.conversations.open({ users: user });
        if (!dm.channel?.id) throw new Error('conversations.open gave no channel');
        target = dm.channel.id;
      }
      await client.filesUploadV2({
        channel_id: target,
        filename: `${framework.id}-checklist-${meta.generatedAt}.${extension}`,
        title: `${framework.name} checklist (${label})`,
        content: render(checklist, chosen),
        initial_comment: toChannel
          ? `${framework.name} checklist${subject}, exported as ${label} by <@${user}>.`
          : `Your ${framework.name} checklist${subject}, as ${label}.`,
      });
    } catch (error) {
      logger.warn(`compliance export upload to ${target} failed:`, slackErrorCode(error) ?? error);
      await tell(uploadFailure(error, checklist, chosen));
      return;
    }
    if (toChannel || !channel || (live && !resolved.share) || checklist.words.length + 10 > 2000) {
      if (!toChannel) await tell(ephemeral(`Sent the ${label} export to you in a direct message.`));
      return;
    }
    const sent = `Sent the ${label} export to you in a direct message. Everyone in <#${channel}> can have it too:`;
    await tell({
      response_type: 'ephemeral',
      text: sent,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: sent },
          accessory: {
            type: 'button',
            action_id: EXPORT_TO_CHANNEL,
            text: { type: 'plain_text', text: 'Post in channel' },
            value: offerValue(chosen, checklist.words),
          },
        },
      ],
    });
  };
}
