/**
 * The estimate form's state read back as the command's words, each part tied to the field it came
 * from, and every field's problem found in one pass, so one submit shows all that needs fixing.
 * Messages are the estimate grammar's own, word for word (Slack shows a field error as plain text,
 * so only code marks become quotes). Pure.
 */
import { FLAGS, PROCESS_NAME, parseEstimate, SETTINGS } from '../../../core/estimate';
import type { Catalog } from '../../../core/pricing';
import type { Platform } from '../../../core/workload';
import { FIELDS, FORM_ACTIONS, type FormShape } from './estimate-form';

export type StateValues = Record<
  string,
  Record<
    string,
    { value?: string | null; selected_option?: { value: string } | null; selected_options?: { value: string }[] }
  >
>;

interface Part {
  field: string;
  words: string;
}

interface ProcessRow {
  row: number;
  name: string;
  count: string;
  size: string;
}

interface ReadForm {
  platform: Platform;
  rows: ProcessRow[];
  /** Database, cache, options, review apps, ops rate: each as words, with its field. */
  others: Part[];
}

const EXAMPLE_SIZE: Record<Platform, string> = { heroku: 'standard-2x', aws: 'm5.large' };

export function readForm(values: StateValues, shape: FormShape): ReadForm {
  const get = (block: string) => values[block]?.value;
  const text = (block: string) => (get(block)?.value ?? '').trim();
  const chosen = (block: string) => get(block)?.selected_option?.value ?? '';
  const platform: Platform =
    values[FIELDS.platform]?.[FORM_ACTIONS.platform]?.selected_option?.value === 'aws' ? 'aws' : shape.platform;
  const rows = Array.from({ length: shape.rows }, (_, i) => i + 1).map((row) => ({
    row,
    name: text(FIELDS.name(row)),
    count: text(FIELDS.count(row)),
    size: chosen(FIELDS.size(row, platform)),
  }));
  const aws = platform === 'aws';
  const database = chosen(FIELDS.database(platform));
  const cache = chosen(FIELDS.cache(platform));
  const flags = (get(FIELDS.options)?.selected_options ?? []).map((selected) => selected.value);
  const review = text(FIELDS.review);
  const opsRate = text(FIELDS.opsRate);
  return {
    platform,
    rows,
    others: [
      ...(database ? [{ field: FIELDS.database(platform), words: `${aws ? 'rds' : 'postgres'}=${database}` }] : []),
      ...(cache ? [{ field: FIELDS.cache(platform), words: `${aws ? 'cache' : 'kv'}=${cache}` }] : []),
      ...(flags.length ? [{ field: FIELDS.options, words: flags.join(' ') }] : []),
      ...(review ? [{ field: FIELDS.review, words: `review=${review}` }] : []),
      ...(opsRate ? [{ field: FIELDS.opsRate, words: `ops-rate=${opsRate.replace(/^\$/, '')}` }] : []),
    ],
  };
}

const filled = (row: ProcessRow) => row.name !== '' || row.size !== '';
const processWords = (row: ProcessRow) => `${row.name}=${row.count || '1'}x${row.size}`;

/** The words the form stands for: what the answer's buttons carry, and what reproduces it in the command. */
export function formWords(form: ReadForm): string {
  return [
    ...(form.platform === 'aws' ? ['aws'] : []),
    ...form.rows.filter(filled).map(processWords),
    ...form.others.map((part) => part.words),
  ].join(' ');
}

/** A field error as Slack shows it (plain text): code marks become quotes; every other character stays. */
const fieldText = (text: string) => text.replace(/`([^`]*)`/g, '"$1"').slice(0, 1900);

/**
 * A process name's problem in the form's words: the box takes a name, so the grammar's messages
 * (`web=2xstandard-2x`, "no Heroku Postgres plan …" for a process called postgres) would mislead.
 */
function processNameProblem(row: ProcessRow, named: ReadonlyMap<string, number>): string | undefined {
  const name = row.name.toLowerCase();
  if (!PROCESS_NAME.test(name))
    return `"${row.name}" is not a process name: use up to 30 letters, digits, - and _, starting with a letter, e.g. web or worker.`;
  if (name in SETTINGS || name in FLAGS)
    return `"${row.name}" is one of the estimate's own words (a setting or an option): name the process something else, e.g. web or worker.`;
  const earlier = named.get(name);
  if (earlier !== undefined)
    return `"${row.name}" is given twice, in processes ${earlier} and ${row.row}: give each process one row with how many run, or another name.`;
  return undefined;
}

/** Every field's problem at once, keyed by block ID; undefined when the whole form reads as an estimate. */
export function formErrors(form: ReadForm, catalog: Catalog): Record<string, string> | undefined {
  const prefix = form.platform === 'aws' ? 'aws ' : '';
  const problem = (words: string) => {
    const parsed = parseEstimate(`${prefix}${words}`, catalog);
    return parsed.ok ? undefined : parsed.message;
  };
  const errors: Record<string, string> = {};
  const accepted: string[] = [];
  const sizeWord = form.platform === 'heroku' ? 'dyno size' : 'instance type';
  const rowOfName = new Map<string, number>();
  for (const row of form.rows.filter(filled)) {
    const nameField = FIELDS.name(row.row);
    const nameProblem = row.name
      ? processNameProblem(row, rowOfName)
      : `Name this process, e.g. ${row.row === 1 ? 'web' : 'worker'}.`;
    if (nameProblem) errors[nameField] = nameProblem;
    else {
      rowOfName.set(row.name.toLowerCase(), row.row);
      const name = problem(`${row.name}=1x${EXAMPLE_SIZE[form.platform]}`);
      if (name) errors[nameField] = name;
    }
    const named = errors[nameField] ? 'web' : row.name;
    const countProblem = row.count ? problem(`${named}=${row.count}x${EXAMPLE_SIZE[form.platform]}`) : undefined;
    if (countProblem) errors[FIELDS.count(row.row)] = countProblem;
    if (!row.size)
      errors[FIELDS.size(row.row, form.platform)] = `Pick a ${sizeWord} for ${row.name || 'this process'}.`;
    if (errors[nameField] || errors[FIELDS.count(row.row)] || !row.size) continue;
    // Against the rows before it: a name given twice, more process types than an estimate takes.
    const together = problem([...accepted, processWords(row)].join(' '));
    if (together) errors[nameField] = together;
    else accepted.push(processWords(row));
  }
  if (form.rows.every((row) => !filled(row)))
    errors[FIELDS.name(1)] = `Add at least one process: a name (e.g. web), how many run, and its ${sizeWord}.`;
  // Each other field against the processes (or a stand-in when none is right yet) and the fields
  // before it that are right: Multi-AZ needs the database chosen above it.
  const context = [accepted.length ? accepted.join(' ') : `web=1x${EXAMPLE_SIZE[form.platform]}`];
  for (const part of form.others) {
    const other = problem(`${context.join(' ')} ${part.words}`);
    if (other) errors[part.field] = other;
    else context.push(part.words);
  }
  if (Object.keys(errors).length === 0) {
    const whole = problem(formWords(form).replace(/^aws /, ''));
    if (!whole) return undefined;
    errors[FIELDS.name(1)] = whole;
  }
  return Object.fromEntries(Object.entries(errors).map(([field, text]) => [field, fieldText(text)]));
}
