import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { parseEstimate } from '../../../core/estimate';
import type { Services } from '../../../services';
import { replyToEstimateWords } from '../commands/estimate';
import { FIELDS, formFragments } from './estimate-form';

type StateValues = Parameters<typeof formFragments>[0];

/** Finds the field an error belongs to: the processes alone, or the first field that breaks them. */
function fieldErrors(values: StateValues, services: Services): Record<string, string> | undefined {
  const fragments = formFragments(values);
  const words = fragments.map((fragment) => fragment.words).join(' ');
  const whole = parseEstimate(words, services.catalog);
  if (whole.ok && whole.request.kind === 'workload') return undefined;
  const [processes, ...others] = fragments;
  const alone = parseEstimate(processes.words, services.catalog);
  if (!alone.ok) return { [FIELDS.processes]: alone.message };
  if (alone.request.kind !== 'workload')
    return { [FIELDS.processes]: 'Add at least one process, e.g. web=2xstandard-2x' };
  for (const fragment of others) {
    const withIt = parseEstimate(`${processes.words} ${fragment.words}`, services.catalog);
    if (!withIt.ok) return { [fragment.field]: withIt.message };
  }
  return { [FIELDS.processes]: whole.ok ? 'Add at least one process, e.g. web=2xstandard-2x' : whole.message };
}

/** Slack shows at most 2,000 characters... of each field error; Markdown is not rendered there. */
const plain = (text: string) => text.replace(/[`*_]/g, '').slice(0, 1900);

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
