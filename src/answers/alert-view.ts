/** An alert message as plain data: what the job posts and Slack renders (headline, lines, where figures came from, buttons). */
export interface AlertView {
  /** One line for the channel, or the first line in the thread. */
  headline: string;
  /** Detail, one fact a line. */
  lines: string[];
  /** Where it stands (month to date, forecast), shown apart from the why. */
  figures?: string[];
  /** Period, source, estimated or not, method. */
  basis: string[];
  /** Acknowledge / Mark expected / Snooze on this alert; `ceFeedback` adds AWS's own YES / NO choice. */
  buttons?: { alertId: string; ceFeedback: boolean };
}

export interface AlertPost {
  channel: string;
  view: AlertView;
  /** Set for the detail in the thread under the headline. */
  threadTs?: string;
  /** The exactly-once key, carried in the message's metadata so a successor can find it. */
  tag: string;
  /** What happens next if Slack refuses it (told to the leads): `the hourly budget check tries again…`. */
  afterRefusal?: string;
  /**
   * What its thread would hold (an anomaly summary's details, with their buttons), when a refusal is
   * its last chance: the leads are given them with the refusal, so nothing of it is lost.
   */
  thread?: AlertView[];
}

/** The Slack side of posting, so jobs never import Slack. */
export interface AlertPoster {
  /** Posts once (never resent on its own); the ts. Throws; `refusal(error)` says whether Slack certainly said no. */
  post(post: AlertPost): Promise<string>;
  /** Slack's own "no" (not_in_channel…) in words, or undefined when the post may have gone through. */
  refusal(error: unknown, channel: string): string | undefined;
  /**
   * The ts of a message tagged `tag` in the channel (or in the thread of `threadTs`) since `oldest`;
   * null when none; 'unknown' when the history cannot be read.
   */
  findTagged(channel: string, tag: string, oldest: Date, threadTs?: string): Promise<string | null | 'unknown'>;
  /** Tells every lead privately (an alert Slack refused), `thread` in that message's thread; never throws. */
  tellLeads(text: string, thread?: readonly AlertView[]): Promise<void>;
  /** Every lead now (HOSTING_LEADS and the leads' group), for notices sent to each once (tell-leads-once.ts). */
  leads(): Promise<string[]>;
  /** The channel of the bot's direct message with `user`. Throws; `refusal(error)` says whether Slack said no. */
  directMessage(user: string): Promise<string>;
  /** Posts `text` alone (a notice to a lead), tagged `tag`, never resent on its own; the ts. Throws as `post` does. */
  postNotice(channel: string, text: string, tag: string): Promise<string>;
}
