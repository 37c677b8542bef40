import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { parseEstimate } from '../../../core/estimate';
import type { Services } from '../../../services';
import { fieldErrorText } from '../../field-error';
import { replyToEstimateWords } from '../commands/estimate';
import { FIELDS, formFragments } from './estimate-form';

type StateValues = Parameters<typeof formFragments>[0];

/**
 * Every field's error at once: the processes alone, then each other field against the processes (or,
 * when those are wrong too, against a stand-in process), so one submit shows all that needs fixing.
 */
function fieldErrors(values: StateValues, services: Services): Record<string, string> | undefined {
  const fragments = formFragments(values);
  const words = fragments.map((fragment) => fragment.words).join(' ');
  const whole = parseEstimate(words, services.catalog);
  if (whole.ok && whole.request.kind === 'workload') return undefined;
  const [processes, ...others] = fragments;
  const errors: Record<string, string> = {};
  const alone = parseEstimate(processes.words, services.catalog);
  if (!alone.ok) errors[FIELDS.processes] = alone.message;
  else if (alone.request.kind !== 'workload')
    errors[FIELDS.processes] = 'Add at least one process, e.g. web=2xstandard-2x';
  const aws = processes.words.startsWith('aws');
  const base = errors[FIELDS.processes] === undefined ? processes.words : aws ? 'aws web=1xm5.large' : 'web=1xbasic';
  for (const fragment of others) {
    const withIt = parseEstimate(`${base} ${fragment.words}`, services.catalog);
    if (!withIt.ok) errors[fragment.field] = withIt.message;
  }
  if (Object.keys(errors).length === 0) {
    errors[FIELDS.processes] = whole.ok ? 'Add at least one process, e.g. web=2xstandard-2x' : whole.message;
  }
  return errors;
}

const plain = fieldErrorText;

export function estimateSubmission(services: Services) {
  return async ({ ack, view, respond, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const values = view.state.values as StateValues;
    const errors = fieldErrors(values, services);
    if (errors) {
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(Object.entries(errors).map(([field, text]) => [field, plain(text)])),
      });
      return;
    }
    await ack();
    const words = formFragments(values)
      .map((fragment) => fragment.words)
      .join(' ');
    await respond({ ...replyToEstimateWords(words, services), response_type: 'ephemeral' }).catch((error: unknown) =>
      logger.error('could not deliver the estimate from the form:', error),
    );
  };
}
