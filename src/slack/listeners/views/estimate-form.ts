/**
 * The `/hosting estimate` form: the same choices as the command's words, without its grammar. Each
 * process is a row (a name, how many, a size from a menu of what the estimate can price); the
 * platform menu swaps the size, database and cache menus for the other platform's, and "Add a
 * process" adds a row (both through views.update: ../actions/estimate-form-actions.ts). Pure.
 */
import type { InputBlock, KnownBlock, ModalView, View } from '@slack/types';
import type { Catalog } from '../../../core/pricing';
import type { Platform } from '../../../core/workload';
import { cacheGroups, databaseGroups, type OptionGroup, option, sizeGroups } from './estimate-form-menus';

export const ESTIMATE_FORM = 'estimate_form';
export const FORM_ACTIONS = { platform: 'estimate_form_platform', addProcess: 'estimate_form_add_process' } as const;

/** Rows the form starts with, and the most it grows to (three blocks each; a view holds 100). */
const FIRST_ROWS = 2;
export const MAX_ROWS = 10;

/**
 * Block IDs double as the keys of field errors shown in the modal. The menus that differ by platform
 * carry it in their ID, so Slack clears them when the platform changes (it keeps a value while an
 * input's block and action IDs stay the same).
 */
export const FIELDS = {
  platform: 'platform',
  name: (row: number) => `process_${row}_name`,
  count: (row: number) => `process_${row}_count`,
  size: (row: number, platform: Platform) => `process_${row}_size_${platform}`,
  database: (platform: Platform) => `database_${platform}`,
  cache: (platform: Platform) => `cache_${platform}`,
  options: 'options',
  review: 'review',
  opsRate: 'ops_rate',
  channel: 'channel',
} as const;

/** What the form remembers between updates (its private_metadata). */
export interface FormShape {
  platform: Platform;
  rows: number;
}

export function readShape(metadata: string | undefined): FormShape {
  try {
    const parsed = JSON.parse(metadata || '{}') as Partial<FormShape>;
    const rows = Number.isInteger(parsed.rows) ? Math.min(Math.max(parsed.rows!, 1), MAX_ROWS) : FIRST_ROWS;
    return { platform: parsed.platform === 'aws' ? 'aws' : 'heroku', rows };
  } catch {
    return { platform: 'heroku', rows: FIRST_ROWS };
  }
}

const input = (
  blockId: string,
  label: string,
  element: InputBlock['element'],
  { optional = false, hint, dispatch = false }: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): InputBlock => ({
  type: 'input',
  block_id: blockId,
  optional,
  ...(dispatch ? { dispatch_action: true } : {}),
  label: { type: 'plain_text', text: label },
  element,
  ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
});

const plain = (text: string) => ({ type: 'plain_text' as const, text });

const menu = (placeholder: string, groups: OptionGroup[], initial?: string) => {
  const chosen = initial && groups.flatMap((group) => group.options).find((o) => o.value === initial);
  return {
    type: 'static_select' as const,
    action_id: 'value',
    placeholder: plain(placeholder),
    option_groups: groups,
    ...(chosen ? { initial_option: chosen } : {}),
  };
};

const number = (
  initial: string | undefined,
  { min, max, decimal = false, placeholder }: { min: number; max: number; decimal?: boolean; placeholder?: string },
) => ({
  type: 'number_input' as const,
  action_id: 'value',
  ...(placeholder ? { placeholder: plain(placeholder) } : {}),
  is_decimal_allowed: decimal,
  min_value: String(min),
  max_value: String(max),
  ...(initial ? { initial_value: initial } : {}),
});

const PLATFORMS = {
  heroku: option('heroku', 'Heroku (model it on AWS)'),
  aws: option('aws', 'AWS (model it on Heroku)'),
};

/** One process: its name, how many run, and its size; the first row starts as web, 2 × Standard-2X (or m5.large). */
function processRow(row: number, platform: Platform, catalog: Catalog): KnownBlock[] {
  const first = row === 1;
  const sizeWord = platform === 'heroku' ? 'dyno size' : 'instance type';
  return [
    input(
      FIELDS.name(row),
      `Process ${row}: name`,
      {
        type: 'plain_text_input',
        action_id: 'value',
        placeholder: plain(first ? 'web' : row === 2 ? 'worker' : 'a process type, e.g. clock'),
        ...(first ? { initial_value: 'web' } : {}),
        max_length: 30,
      },
      { optional: !first },
    ),
    input(FIELDS.count(row), `Process ${row}: how many`, number(first ? '2' : '1', { min: 1, max: 100 }), {
      optional: !first,
    }),
    input(
      FIELDS.size(row, platform),
      `Process ${row}: ${sizeWord}`,
      menu(
        platform === 'heroku' ? 'Pick a dyno size' : 'Pick an instance type',
        sizeGroups(catalog, platform),
        first ? (platform === 'heroku' ? 'standard-2x' : 'm5.large') : undefined,
      ),
      { optional: !first },
    ),
  ];
}

/** The `/hosting estimate` form, for a platform and a number of process rows. */
export function estimateFormView(catalog: Catalog, shape: FormShape = { platform: 'heroku', rows: FIRST_ROWS }): View {
  const { platform } = shape;
  const rows = Math.min(Math.max(shape.rows, 1), MAX_ROWS);
  const heroku = platform === 'heroku';
  const blocks: KnownBlock[] = [
    input(
      FIELDS.platform,
      'The workload runs on',
      {
        type: 'static_select',
        action_id: FORM_ACTIONS.platform,
        initial_option: PLATFORMS[platform],
        options: [PLATFORMS.heroku, PLATFORMS.aws],
      },
      { dispatch: true },
    ),
    ...Array.from({ length: rows }, (_, i) => processRow(i + 1, platform, catalog)).flat(),
    ...(rows < MAX_ROWS
      ? [
          {
            type: 'actions',
            block_id: 'process_rows',
            elements: [{ type: 'button', action_id: FORM_ACTIONS.addProcess, text: plain('Add a process') }],
          } as KnownBlock,
        ]
      : []),
    input(
      FIELDS.database(platform),
      heroku ? 'Heroku Postgres plan' : 'RDS instance class',
      menu('No database', databaseGroups(catalog, platform)),
      { optional: true },
    ),
    input(
      FIELDS.cache(platform),
      heroku ? 'Heroku Key-Value Store plan' : 'ElastiCache node type',
      menu('No cache', cacheGroups(catalog, platform)),
      { optional: true },
    ),
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
    input(FIELDS.review, 'Review apps running on average', number(undefined, { min: 0, max: 50, placeholder: '0' }), {
      optional: true,
    }),
    input(
      FIELDS.opsRate,
      'Ops hourly rate (USD)',
      number(undefined, { min: 0, max: 1000, decimal: true, placeholder: '100' }),
      { optional: true, hint: 'What an hour of ops work costs you; 100 when left empty.' },
    ),
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
    title: plain('Hosting estimate'),
    submit: plain('Estimate'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ platform, rows }),
    blocks,
  };
  return modal;
}
