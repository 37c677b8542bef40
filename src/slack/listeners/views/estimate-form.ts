import type { InputBlock, KnownBlock, ModalView, View } from '@slack/types';

export const ESTIMATE_FORM = 'estimate_form';

/** Block IDs double as the keys of field errors shown in the modal. */
export const FIELDS = {
  platform: 'platform',
  processes: 'processes',
  database: 'database',
  cache: 'cache',
  options: 'options',
  review: 'review',
  opsRate: 'ops_rate',
  channel: 'channel',
} as const;

const input = (
  blockId: string,
  label: string,
  element: InputBlock['element'],
  { optional = false, hint }: { optional?: boolean; hint?: string } = {},
): InputBlock => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: { type: 'plain_text', text: label },
  element,
  ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
});

const text = (placeholder: string, initial?: string) => ({
  type: 'plain_text_input' as const,
  action_id: 'value',
  placeholder: { type: 'plain_text' as const, text: placeholder },
  ...(initial ? { initial_value: initial } : {}),
});

const option = (value: string, label: string) => ({ value, text: { type: 'plain_text' as const, text: label } });

/** The `/hosting estimate` form: the same choices as the command's words. */
export function estimateFormView(): View {
  const blocks: KnownBlock[] = [
    input(FIELDS.platform, 'The workload runs on', {
      type: 'static_select',
      action_id: 'value',
      initial_option: option('heroku', 'Heroku (model it on AWS)'),
      options: [option('heroku', 'Heroku (model it on AWS)'), option('aws', 'AWS (model it on Heroku)')],
    }),
    input(FIELDS.processes, 'Processes', text('web=2xstandard-2x worker=1xperformance-m'), {
      hint: 'NAME=COUNTxSIZE, separated by spaces. Heroku dyno sizes or AWS instance types (m5.large).',
    }),
    input(FIELDS.database, 'Database', text('standard-0, or db.m6g.large on AWS'), { optional: true }),
    input(FIELDS.cache, 'Cache', text('premium-0, or cache.t4g.small on AWS'), { optional: true }),
    input(
      FIELDS.options,
      'Options',
      {
        type: 'checkboxes',
        action_id: 'value',
        options: [
          option('staging', 'A staging copy'),
          option('hipaa', 'HIPAA'),
          option('pci', 'PCI DSS'),
          option('multi-az', 'Multi-AZ database (AWS)'),
        ],
      },
      { optional: true },
    ),
    input(FIELDS.review, 'Review apps running on average', text('0'), { optional: true }),
    input(FIELDS.opsRate, 'Ops hourly rate (USD)', text('100'), { optional: true }),
    input(
      FIELDS.channel,
      'Show the answer in',
      {
        type: 'conversations_select',
        action_id: 'value',
        default_to_current_conversation: true,
        response_url_enabled: true,
      },
      { hint: 'Only you will see it there.' },
    ),
  ];
  const modal: ModalView = {
    type: 'modal',
    callback_id: ESTIMATE_FORM,
    title: { type: 'plain_text', text: 'Hosting estimate' },
    submit: { type: 'plain_text', text: 'Estimate' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
  return modal;
}

type StateValues = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_option?: { value: string } | null; selected_options?: { value: string }[] }
  >
>;

/** The form's fields as command words, each kept apart so an error can point at its field. */
export function formFragments(values: StateValues): { field: string; words: string }[] {
  const get = (block: string) => values[block]?.value;
  const textOf = (block: string) => (get(block)?.value ?? '').trim();
  const platform = get(FIELDS.platform)?.selected_option?.value ?? 'heroku';
  const flags = (get(FIELDS.options)?.selected_options ?? []).map((selected) => selected.value);
  const database = textOf(FIELDS.database);
  const cache = textOf(FIELDS.cache);
  const review = textOf(FIELDS.review);
  const opsRate = textOf(FIELDS.opsRate);
  const aws = platform === 'aws';
  return [
    { field: FIELDS.processes, words: `${aws ? 'aws ' : ''}${textOf(FIELDS.processes)}` },
    ...(database ? [{ field: FIELDS.database, words: `${aws ? 'rds' : 'postgres'}=${database}` }] : []),
    ...(cache ? [{ field: FIELDS.cache, words: `${aws ? 'cache' : 'kv'}=${cache}` }] : []),
    ...(flags.length ? [{ field: FIELDS.options, words: flags.join(' ') }] : []),
    ...(review ? [{ field: FIELDS.review, words: `review=${review}` }] : []),
    ...(opsRate ? [{ field: FIELDS.opsRate, words: `ops-rate=${opsRate.replace(/^\$/, '')}` }] : []),
  ];
}
