/**
 * A press on an alert while another lead's press is still being sent to AWS Cost Anomaly Detection:
 * what it is told at once, and, once AWS has answered that press, whether AWS took it. AWS may refuse
 * (a 5xx, a throttle) and the other press is then put back, so "already done" would be false.
 */
import { DateTime } from 'luxon';
import { type AlertFeedback, type AlertRecord, SENDING_AWS_LEASE_MS, type Store } from '../store/store';

export const TOLD_WORDS: Record<AlertFeedback, string> = {
  PLANNED_ACTIVITY: 'planned activity',
  YES: 'yes, a real anomaly',
  NO: 'no, not an anomaly',
};

export const GONE = 'That alert is no longer kept (alerts are kept 400 days), so there is nothing to change.';

/** The store is asked again this often while the other press waits on AWS (one indexed read). */
const POLL_MS = 250;

export const utcMinute = (date: Date) =>
  `${DateTime.fromJSDate(date, { zone: 'utc' }).toFormat('yyyy-MM-dd HH:mm')} UTC`;

const pressWords = (sending: AlertRecord) => `<@${sending.statusBy}>'s press ("${TOLD_WORDS[sending.sendingAws!]}")`;

/** Said at once to a press that finds `sending` (an alert whose `sendingAws` is set) under way. */
export function beingSent(sending: AlertRecord): string {
  const since = sending.statusAt ? `, since ${utcMinute(sending.statusAt)}` : '';
  return `<@${sending.statusBy}>'s press is being sent to AWS Cost Anomaly Detection ("${TOLD_WORDS[sending.sendingAws!]}")${since}. Your press changed nothing; I will say here whether AWS takes it.`;
}

/** How the alert stands, after "this alert is". */
function standing(alert: AlertRecord): string {
  if (alert.status === 'new') return 'not acknowledged or marked expected';
  const who = alert.statusBy ? ` by <@${alert.statusBy}>` : '';
  const when = alert.statusAt ? ` at ${utcMinute(alert.statusAt)}` : '';
  return `${alert.status === 'acknowledged' ? 'acknowledged' : 'marked expected'},${who}${when}`;
}

const stillSending = (alert: AlertRecord, sending: AlertRecord) =>
  alert.sendingAws !== undefined &&
  alert.status === sending.status &&
  alert.statusBy === sending.statusBy &&
  alert.statusAt?.getTime() === sending.statusAt?.getTime();

/**
 * Waits (reading the store, so it works whichever replica sends) until AWS has answered the press
 * `sending` holds, and says how it ended: taken, or refused and put back. The other press's own
 * bot waits on AWS at most about as long as the lease; this waits the lease, then says so.
 */
export async function howSendingEnded(store: Store, sending: AlertRecord): Promise<string> {
  const giveUpAt = Date.now() + SENDING_AWS_LEASE_MS;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS).unref());
    const alert = await store.alert(sending.id);
    if (!alert) return GONE;
    if (stillSending(alert, sending)) {
      if (Date.now() < giveUpAt) continue;
      return `AWS Cost Anomaly Detection has not answered ${pressWords(sending)} in ${SENDING_AWS_LEASE_MS / 60_000} minutes; press again to see where it stands.`;
    }
    const taken =
      alert.statusBy === sending.statusBy &&
      alert.statusAt?.getTime() === sending.statusAt?.getTime() &&
      alert.toldAws === sending.sendingAws;
    if (taken) return `AWS Cost Anomaly Detection took ${pressWords(sending)}: this alert is ${standing(alert)}.`;
    return `AWS Cost Anomaly Detection did not take ${pressWords(sending)}, so it changed nothing: this alert is still ${standing(alert)}. Press again to try.`;
  }
}
