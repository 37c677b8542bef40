import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Services } from '../../../services';
import { replyToEstimateWords } from '../commands/estimate';
import { readShape } from './estimate-form';
import { formErrors, formWords, readForm, type StateValues } from './estimate-form-read';

/** The form submitted: every field's problem at once, or the answer posted where the person chose. */
export function estimateSubmission(services: Services) {
  return async ({ ack, view, respond, logger }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const form = readForm(view.state.values as StateValues, readShape(view.private_metadata));
    const errors = formErrors(form, services.catalog);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await respond({ ...replyToEstimateWords(formWords(form), services), response_type: 'ephemeral' }).catch(
      (error: unknown) => logger.error('could not deliver the estimate from the form:', error),
    );
  };
}
