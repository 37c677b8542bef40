import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Services } from '../services';
import type { ButtonArgs } from './listeners/actions/open-view';

/** Who asks, and where: live answers are for leads, and are posted only where spend may be. */
export interface Asker {
  services: Services;
  client: WebClient;
  logger: Logger;
  user: string;
  /** The channel the answer would be shared in, when there is one. */
  channel?: string;
  /** The person asked for the answer to be posted in the channel. */
  share: boolean;
}

/** The person who pressed a button, in the channel the button is in. */
export function pressedBy(services: Services, { body, client, logger }: ButtonArgs, share: boolean): Asker {
  const channel = body.channel?.id;
  return { services, client, logger, user: body.user.id, ...(channel ? { channel } : {}), share };
}
