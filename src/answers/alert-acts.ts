/**
 * What a lead does from an alert message: acknowledge it, mark it expected (for Cost Anomaly
 * Detection's own anomalies this also tells AWS, with ProvideAnomalyFeedback), or snooze its
 * subject for a day or a week. Each act is kept in the audit log. Plain data back: what to say.
 */
import { DateTime } from 'luxon';
import type { Services } from '../services';
import { type AnomalyFeedback, sendAnomalyFeedback } from '../sources/aws/alert-queries';
import { SourceError } from '../sources/source-error';
import type { AlertFeedback, AlertRecord, AlertStatus } from '../store/store';
import { beingSent, GONE, howSendingEnded, TOLD_WORDS, utcMinute } from './alert-press-sending';

export type AlertAct =
  | { kind: 'acknowledge' }
  | { kind: 'expected' }
  | { kind: 'feedback'; feedback: Exclude<AnomalyFeedback, 'PLANNED_ACTIVITY'> }
  | { kind: 'snooze'; days: 1 | 7 };

/**
 * What to say: in the thread, or privately to the lead who pressed; `afterwards`, when another
 * lead's press was still being sent to AWS, is said privately too once AWS has answered it.
 */
export type ActOutcome =
  | { ok: true; thread: string }
  | { ok: false; message: string; afterwards?: () => Promise<string> };

function subjectWords(subject: string): string {
  const [kind, ...rest] = subject.split(':');
  const name = rest.join(':');
  if (kind === 'heroku-app') return `Heroku app ${name}`;
  if (kind === 'aws-service') return `AWS ${name}`;
  if (kind === 'budget') return 'this budget';
  return 'this anomaly';
}

/** The status an act sets (snoozing sets none): feedback "real anomaly" acknowledges, "not an anomaly" is expected. */
function claimedStatus(act: AlertAct): AlertStatus | undefined {
  if (act.kind === 'feedback') return act.feedback === 'YES' ? 'acknowledged' : 'expected';
  return act.kind === 'acknowledge' ? 'acknowledged' : act.kind === 'expected' ? 'expected' : undefined;
}

/** What a press tells AWS Cost Anomaly Detection, on one of its own findings. */
function feedbackOf(act: AlertAct, ceAnomalyId: string | undefined): AlertFeedback | undefined {
  if (!ceAnomalyId) return undefined;
  return act.kind === 'feedback' ? act.feedback : act.kind === 'expected' ? 'PLANNED_ACTIVITY' : undefined;
}

/**
 * What the second of two presses is told (a double click, two leads at once), privately, with who
 * did it: nothing is posted, sent to AWS or audited again.
 */
function alreadyDone(alert: AlertRecord, act: AlertAct): string {
  const who = alert.statusBy ? ` by <@${alert.statusBy}>` : '';
  const when = alert.statusAt ? ` at ${utcMinute(alert.statusAt)}` : '';
  if (act.kind === 'feedback')
    return `AWS Cost Anomaly Detection was already told "${TOLD_WORDS[act.feedback]}" about this alert${who}${when}; nothing was changed.`;
  const done = alert.status === 'acknowledged' ? 'acknowledged' : 'marked expected';
  return `This alert was already ${done}${who}${when}; nothing was changed.`;
}

export async function actOnAlert(
  services: Services,
  user: string,
  alertId: string,
  act: AlertAct,
): Promise<ActOutcome> {
  const { store } = services;
  const alert = await store.alert(alertId);
  if (!alert) return { ok: false, message: GONE };
  const now = services.now();
  const { ceAnomalyId, snoozeSubject } = (alert.detail ?? {}) as { ceAnomalyId?: string; snoozeSubject?: string };
  // Claimed before anything is said or sent: one conditional update in the store, so of two presses
  // at once exactly one goes on (a read, then a write, let both through). A press that finds another
  // still being sent to AWS is not told "done" (AWS may refuse it) but how it ends, once it has.
  const wanted = claimedStatus(act);
  const feedback = feedbackOf(act, ceAnomalyId);
  const claim = wanted ? await store.changeAlertStatus(alert.id, wanted, user, now, feedback) : undefined;
  if (claim && !claim.changed) {
    const other = claim.alert;
    if (!other) return { ok: false, message: GONE };
    if (other.sendingAws)
      return { ok: false, message: beingSent(other), afterwards: () => howSendingEnded(store, other) };
    return { ok: false, message: alreadyDone(other, act) };
  }
  const tell = async (feedback: AnomalyFeedback): Promise<string | undefined> => {
    if (!ceAnomalyId) return undefined;
    const aws = services.sources.aws;
    if (!aws) throw new SourceError('aws', 'not-configured', 'AWS is not configured, so AWS cannot be told.');
    await sendAnomalyFeedback(aws, ceAnomalyId, feedback);
    return TOLD_WORDS[feedback];
  };
  let thread: string;
  try {
    switch (act.kind) {
      case 'acknowledge':
        thread = `<@${user}> acknowledged this.`;
        break;
      case 'expected': {
        const told = await tell('PLANNED_ACTIVITY');
        thread = `<@${user}> marked this expected${told ? ` (AWS Cost Anomaly Detection was told: ${told})` : ''}.`;
        break;
      }
      case 'feedback': {
        const told = await tell(act.feedback);
        thread = `<@${user}> told AWS Cost Anomaly Detection: ${told ?? 'nothing (not one of its anomalies)'}.`;
        break;
      }
      case 'snooze': {
        const until = DateTime.fromJSDate(now, { zone: 'utc' }).plus({ days: act.days });
        const subject = snoozeSubject ?? alert.subject;
        await store.snooze(subject, until.toJSDate(), user);
        thread = `<@${user}> snoozed alerts for ${subjectWords(subject)} until ${until.toFormat('yyyy-MM-dd HH:mm')} UTC.`;
        break;
      }
    }
  } catch (error) {
    // A source's words end in what to do (try again, or the permission to add): nothing is added to them.
    const why = error instanceof SourceError ? error.message : 'AWS did not answer. Try again in a minute.';
    if (claim?.alert) await store.revertAlertStatus(claim.alert, alert);
    return { ok: false, message: `Nothing was changed: ${why}` };
  }
  // AWS took it: from now on a press is told this was done.
  if (claim?.alert?.sendingAws) await store.settleAlertStatus(claim.alert);
  await store.audit({
    at: now,
    actor: user,
    action: `alert-${act.kind}`,
    detail: `${act.kind === 'feedback' ? `${act.feedback} ` : ''}${alert.id}`,
  });
  return { ok: true, thread };
}
