/**
 * Who the bot is (auth.test), asked once and remembered. Bolt's own single-workspace authorize,
 * with token verification deferred, calls auth.test before every request and before the ack, so
 * a slow Slack pushed acks past 3 s and a revoked token left users with an empty reply. Here:
 * - a success is kept for good; a failure is not, and is asked again at most once a minute;
 * - a request never waits more than `waitMs` for the answer: without it, the listener runs anyway
 *   (it only needs the token) and the bot's own IDs stay unknown for that request;
 * - a token Slack refuses is put in the context, so the answer can say the app must be reinstalled.
 */
import type { Authorize, AuthorizeResult, Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-errors';

const REVOKED = new Set(['invalid_auth', 'token_revoked', 'account_inactive', 'not_authed', 'token_expired']);

export interface BotAuthorization extends AuthorizeResult {
  /** Set when Slack refused the bot token: what the person asking should be told. */
  slackTokenProblem?: string;
}

const TOKEN_PROBLEM =
  "Hosting Advisor's Slack token is no longer valid (revoked, or the app was uninstalled): whoever runs it must reinstall the app and update SLACK_BOT_TOKEN. Answers in this conversation still work; posting to channels, forms and uploads do not.";

export function cachedAuthorize(
  token: string,
  client: WebClient,
  logger: Pick<Logger, 'warn'>,
  { waitMs = 1000, retryAfterMs = 60_000 } = {},
): Authorize<boolean> {
  let identity: { botId?: string; botUserId?: string; teamId?: string } | undefined;
  let refused: string | undefined;
  let pending: Promise<void> | undefined;
  let lastFailure = 0;

  const ask = () => {
    pending = client.auth
      .test({ token })
      .then((answer) => {
        identity = {
          ...(answer.bot_id ? { botId: answer.bot_id } : {}),
          ...(answer.user_id ? { botUserId: answer.user_id } : {}),
          ...(answer.team_id ? { teamId: answer.team_id } : {}),
        };
        refused = undefined;
      })
      .catch((error: unknown) => {
        lastFailure = Date.now();
        const code = slackErrorCode(error);
        refused = code && REVOKED.has(code) ? code : undefined;
        logger.warn(`Slack auth.test failed (${code ?? (error as Error).message}); answering without the bot's IDs`);
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  return async () => {
    if (!identity && !pending && Date.now() - lastFailure >= (refused ? 0 : retryAfterMs)) void ask();
    if (!identity && pending) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([pending, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    const result: BotAuthorization = { botToken: token, ...(identity ?? {}) };
    if (!identity && refused) result.slackTokenProblem = TOKEN_PROBLEM;
    return result;
  };
}
