/** Slack Web API errors: the error code of a failed call, and what it means for the person reading. */
/** Plain words for the Slack errors a post or a channel lookup can meet. */
export function slackErrorText(code: string, channel: string): string {
  switch (code) {
    case 'channel_not_found':
      return `Slack cannot find channel <#${channel}> (or the bot cannot see it: for a private channel, invite the bot first).`;
    case 'not_in_channel':
      return `The bot is not a member of <#${channel}>: type \`/invite @Hosting Advisor\` in that channel, then try again.`;
    case 'is_archived':
      return `<#${channel}> is archived: pick another channel.`;
    case 'ratelimited':
      return 'Slack is rate-limiting the bot right now; it will try again shortly.';
    case 'invalid_auth':
    case 'token_revoked':
    case 'account_inactive':
    case 'not_authed':
      return 'Slack no longer accepts the bot token (it was revoked or the app was uninstalled): reinstall the app and update SLACK_BOT_TOKEN.';
    case 'expired_trigger_id':
    case 'trigger_expired':
      return 'Slack took too long to open the form (its 3-second window passed): run the command again.';
    case 'missing_scope':
      return 'The Slack app lacks a permission this needs: reinstall it from manifest.yml so it gets every scope listed there.';
    default:
      return `Slack refused: ${code}.`;
  }
}

/** The Slack error code of a failed Web API call, or undefined when the call never got an answer. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  if (typeof data?.error === 'string') return data.error;
  if ((error as { code?: unknown } | undefined)?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  return undefined;
}
