import type { EstimateOptions } from '../model';
// The module itself, not the model's index: the grammar does not load the model.
import { isWebProcess } from '../model/describe';
import { logGbFor } from '../model/log-volume';
import type { Money } from '../money';
import { AWS_REGION_CODE, type Catalog, closestMatch, RDS_MIN_STORAGE_GB } from '../pricing';
import { wordAgain } from '../user-text';
import type { Cache, ComplianceNeed, Database, Platform, ProcessType, Workload } from '../workload';
import { clip, firstUnreadable, MAX_INPUT_LENGTH, normaliseTypography, shown } from './input-text';
import { fail, ParseFailure } from './parse-failure';
import { readCache, readDatabase } from './read-data-stores';
import { nameFor, readProcess } from './read-process';
import { readAmount, readOpsRate, readReview } from './read-values';
import type { EstimateRequest, ParseResult } from './types';
import {
  AWS_EXAMPLE,
  COMMON_PROCESSES,
  FLAG_EXAMPLES,
  FLAGS,
  FLAGS_TEXT,
  type Flag,
  HEROKU_EXAMPLE,
  LIMITS,
  SETTINGS,
  settingExample,
} from './vocabulary';

interface Draft {
  platform: Platform;
  processes: ProcessType[];
  database?: { token: string; value: Database };
  cache?: { token: string; value: Cache };
  app?: string;
  staging: boolean;
  reviewApps?: number;
  compliance: Set<ComplianceNeed>;
  share: boolean;
  multiAz: boolean;
  opsRate?: Money;
  egressGb?: number;
  logGb?: number;
  storageGb?: number;
  awsCompute?: 'ec2' | 'fargate';
  arm: boolean;
  /** `region=`: the AWS region to price. */
  region?: string;
  /** Everything other than `app=`, `aws`, `heroku` and `share`, for the app-combination check. */
  otherThanApp: string[];
  /** Each flag read so far (`fargate` and `ec2` as one choice), with the word typed for it. */
  flagsTyped: Map<Flag, string>;
}

/**
 * Parses what follows `/hosting estimate`. Never throws; every refusal says what was wrong and shows
 * a correct example, and echoes at most 40 characters of the input.
 */
export function parseEstimate(text: string, catalog: Catalog): ParseResult {
  try {
    return parse(text, catalog);
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, message: error.message };
    return { ok: false, message: `Sorry, I could not read that estimate. Try, e.g., \`${HEROKU_EXAMPLE}\`.` };
  }
}

/** Printable ASCII, tabs and line breaks, without `<` and `>`: what `firstUnreadable` accepts and no typography rule changes. */
const PLAIN = /^[\t\n\r\x20-\x3b=\x3f-\x7e]*$/;

/** A whole number grouped in thousands: `1,500`, `1,000,000` (not `120,50` or `1,5000`). */
const THOUSANDS = /(?<![\d,])\d{1,3}(?:,\d{3})+(?![\d,])/g;

/**
 * Lower-case words of letters, digits and `.=-` one space apart, where no `=` has a space beside it and
 * no amount after `=` is followed by another word (`=2 x…`, `=20 gb`): words as typed nearly always,
 * which the rules in `wordsOf` would leave as they are, so they are split at their spaces.
 */
const PLAIN_WORDS = /^(?!.*(?: =|= |=[\d.]*\d ))[a-z0-9.=-]+(?: [a-z0-9.=-]+)*$/;

function tokenise(text: string): string[] {
  if (text.length > MAX_INPUT_LENGTH) {
    fail(
      `That estimate is ${text.length.toLocaleString('en-US')} characters long; the limit is ${MAX_INPUT_LENGTH.toLocaleString('en-US')}. Describe the workload in one line, e.g. \`${HEROKU_EXAMPLE}\`.`,
    );
  }
  const tokens = PLAIN_WORDS.test(text) ? text.split(' ') : wordsOf(text);
  if (tokens.length > LIMITS.parts) {
    fail(
      `That estimate has ${tokens.length} parts; the limit is ${LIMITS.parts}. Describe each process type once, e.g. \`${HEROKU_EXAMPLE}\`.`,
    );
  }
  return tokens;
}

/** Any text: typography normalised, refused when unreadable, then spaced and split by the rules below. */
function wordsOf(text: string): string[] {
  // Nearly every estimate is plain printable ASCII: nothing to normalise and nothing unreadable.
  const plain = PLAIN.test(text);
  const normalised = plain ? text : normaliseTypography(text);
  const unreadable = plain ? undefined : firstUnreadable(normalised);
  if (unreadable) {
    const printable = unreadable.char.codePointAt(0)! > 0x9f || '<>'.includes(unreadable.char);
    const context = normalised.slice(Math.max(0, unreadable.index - 12), unreadable.index).trim();
    fail(
      `I can't read the character ${printable ? `"${unreadable.char}" ` : ''}(${unreadable.codePoint})${context ? ` after ${shown(context)}` : ''}. Use plain letters, digits and = x - . , e.g. \`${HEROKU_EXAMPLE}\`.`,
    );
  }
  return (
    normalised
      .trim()
      .toLowerCase()
      .replace(/\s*=\s*/g, '=')
      .replace(/=(\d+)\s+x\s*/g, '=$1x')
      // `logs=20 GB`: a unit of data after a space is still that amount's.
      .replace(/=([\d.,]*\d)\s+(gb|gib|tb|tib|mb|mib)(?![\w=.-])/g, '=$1$2')
      // A comma separates words, except between digits: `1,500gb` is one number (thousands, as a
      // budget's `$2,000` is), and `120,50` stays whole so its own setting names it as typed.
      .split(/[\s;]+|,(?!\d)|(?<!\d),/)
      .filter(Boolean)
      .map((token) => (token.includes(',') ? token.replace(THOUSANDS, (digits) => digits.replace(/,/g, '')) : token))
  );
}

function parse(text: string, catalog: Catalog): ParseResult {
  const tokens = tokenise(text);
  if (tokens.length === 0) return { ok: true, request: { kind: 'form' } };
  if (tokens.includes('aws') && tokens.includes('heroku')) {
    fail('Choose one platform to describe: start with `aws` for AWS sizes, or leave it out for Heroku.');
  }
  const draft: Draft = {
    platform: tokens.includes('aws') ? 'aws' : 'heroku',
    processes: [],
    staging: false,
    compliance: new Set(),
    share: false,
    multiAz: false,
    arm: false,
    otherThanApp: [],
    flagsTyped: new Map(),
  };
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const eq = token.indexOf('=');
    if (eq === -1) readFlag(token, draft, catalog);
    else readSetting(token, token.slice(0, eq), token.slice(eq + 1), draft, seen, catalog);
  }
  return finish(draft, catalog);
}

function readFlag(token: string, draft: Draft, catalog: Catalog): void {
  const flag = FLAGS[token];
  if (flag) {
    readOnce(token, flag, draft);
    if (!['aws', 'heroku', 'share'].includes(flag)) draft.otherThanApp.push(token);
    if (flag === 'staging') draft.staging = true;
    else if (flag === 'hipaa' || flag === 'pci') draft.compliance.add(flag);
    else if (flag === 'share') draft.share = true;
    else if (flag === 'multi-az') draft.multiAz = true;
    else if (flag === 'fargate' || flag === 'ec2') draft.awsCompute = flag;
    else if (flag === 'arm') draft.arm = true;
    return;
  }
  if (SETTINGS[token]) {
    fail(`${shown(token)} needs a value after "=", e.g. ${settingExample(SETTINGS[token], draft.platform)}.`);
  }
  if (/^[+-]?\d+(\.\d+)?$/.test(token)) {
    const n = clip(token, 6);
    fail(`${shown(token)} on its own: say what it counts, e.g. \`review=${n}\` or \`web=${n}xstandard-1x\`.`);
  }
  if (COMMON_PROCESSES.includes(token)) {
    fail(
      `${shown(token)} needs "=" and a size: write \`${token}=2x${draft.platform === 'aws' ? 'm5.large' : 'standard-2x'}\`.`,
    );
  }
  const named = nameFor(token, catalog);
  if (named) fail(`${shown(token)} needs a name and "=": write \`${clip(named, 40)}\`.`);
  const guess = closestMatch(token, Object.keys(FLAGS));
  const example =
    draft.platform === 'aws' ? 'aws web=2xm5.large staging review=2' : 'web=2xstandard-2x staging review=2';
  fail(
    `I don't know ${shown(token)}.${guess ? ` Did you mean \`${guess}\`?` : ''} Flags and settings: ${FLAGS_TEXT}. Example: \`${example}\`.`,
  );
}

/** AWS-side flags (`fargate`, `ec2`, `arm`) model a Heroku workload, so their example stays a Heroku one. */
const HEROKU_ONLY_FLAGS: readonly Flag[] = ['fargate', 'ec2', 'arm'];

/**
 * A flag's example in the words the user began with: after `aws …`, one on an AWS workload
 * (`aws web=2xm5.large staging`), so the example can be copied without losing the platform typed.
 */
function flagExample(flag: Flag, platform: Platform): string {
  const example = FLAG_EXAMPLES[flag];
  if (platform !== 'aws' || example.startsWith('aws ') || HEROKU_ONLY_FLAGS.includes(flag)) return example;
  return example.replace(/^web=2xstandard-2x/, 'aws web=2xm5.large');
}

/**
 * Refuses a flag given twice (`staging staging`, `stage staging`) and `fargate` with `ec2`: the
 * parser would otherwise keep one and drop the other without a word.
 */
function readOnce(token: string, flag: Flag, draft: Draft): void {
  // `fargate` and `ec2` answer one question, how the AWS side runs, so they share a key.
  const key = flag === 'ec2' ? 'fargate' : flag;
  const first = draft.flagsTyped.get(key);
  if (first === undefined) {
    draft.flagsTyped.set(key, token);
    return;
  }
  const firstFlag = FLAGS[first]!;
  if (firstFlag !== flag) {
    fail(
      `I did not read ${shown(token)} after ${shown(first)}: the AWS side runs on Fargate tasks (\`fargate\`) or EC2 instances (\`ec2\`), not both; choose one, e.g. \`${FLAG_EXAMPLES.fargate}\` or \`${FLAG_EXAMPLES.ec2}\`.`,
    );
  }
  const which = wordAgain(token, first, shown);
  const fix =
    first === token
      ? flag === 'aws' || flag === 'heroku'
        ? 'name the platform once'
        : 'give each flag once'
      : `both mean \`${flag}\`; give it once`;
  fail(`I did not read ${which}: ${fix}, e.g. \`${FLAG_EXAMPLES[flag]}\`.`);
}

function readSetting(
  token: string,
  key: string,
  value: string,
  draft: Draft,
  seen: Set<string>,
  catalog: Catalog,
): void {
  if (key === '') {
    fail(`${shown(token)} has nothing before "=": name the process, e.g. \`web=${clip(value) || '2xstandard-2x'}\`.`);
  }
  if (value.includes('=')) {
    fail(
      `${shown(token)} has more than one "=": put a space between settings, e.g. \`web=2xstandard-2x postgres=standard-0\`.`,
    );
  }
  const flag = FLAGS[key];
  if (flag)
    fail(
      `${shown(token)}: \`${key}\` is a flag, not a setting; write it on its own, e.g. \`${flagExample(flag, draft.platform)}\`.`,
    );
  const setting = SETTINGS[key];
  if (value === '') {
    fail(
      setting
        ? `${shown(token)} has no value: give one, e.g. ${settingExample(setting, draft.platform)}.`
        : `${shown(token)} has no value: give COUNTxSIZE, e.g. \`${key.slice(0, 30)}=2x${draft.platform === 'aws' ? 'm5.large' : 'standard-2x'}\`.`,
    );
  }
  if (!setting) {
    draft.processes.push(readProcess(token, key, value, draft.platform, draft.processes, catalog));
    draft.otherThanApp.push(token);
    return;
  }
  const group =
    setting === 'postgres' || setting === 'rds'
      ? 'database'
      : setting === 'redis' || setting === 'cache'
        ? 'cache'
        : setting;
  if (seen.has(group)) {
    fail(
      `${shown(token)}: ${group === setting ? `\`${setting}=\`` : `a ${group}`} is given twice; give it once, e.g. ${settingExample(setting, draft.platform)}.`,
    );
  }
  seen.add(group);
  if (setting === 'app') {
    if (!/^[a-z][a-z0-9-]{0,28}[a-z0-9]$/.test(value)) {
      fail(
        `${shown(token)}: Heroku app names are 2 to 30 lower-case letters, digits and dashes, starting with a letter, e.g. \`app=acme-api\`.`,
      );
    }
    draft.app = value;
    return;
  }
  if (setting === 'region') {
    // A pricing choice, not part of the workload: it goes with `app=` too.
    if (!AWS_REGION_CODE.test(value)) {
      fail(
        `${shown(token)}: give an AWS region code, e.g. \`region=eu-west-1\` or \`region=us-east-1\` (the AWS side is priced there).`,
      );
    }
    draft.region = value;
    return;
  }
  draft.otherThanApp.push(token);
  if (setting === 'postgres' || setting === 'rds')
    draft.database = { token, value: readDatabase(token, setting, value, draft.platform, catalog) };
  else if (setting === 'redis' || setting === 'cache')
    draft.cache = { token, value: readCache(token, value, draft.platform, catalog) };
  else if (setting === 'review') draft.reviewApps = readReview(token, value);
  else if (setting === 'ops-rate') draft.opsRate = readOpsRate(token, value);
  else if (setting === 'egress') draft.egressGb = readAmount(token, 'egress', value, LIMITS.egressGb);
  else if (setting === 'logs') draft.logGb = readAmount(token, 'logs', value, LIMITS.logGb);
  else draft.storageGb = readAmount(token, 'storage', value, LIMITS.storageGb);
}

function finish(draft: Draft, catalog: Catalog): ParseResult {
  if (draft.app !== undefined) {
    if (draft.processes.length > 0 || draft.database || draft.cache) {
      fail(
        `\`app=\` prices a live app as it runs, so it can't be combined with processes or add-ons: use either \`app=${draft.app}\` or \`${HEROKU_EXAMPLE}\`.`,
      );
    }
    if (draft.platform === 'aws') fail(`\`app=\` reads a live Heroku app: drop \`aws\`, e.g. \`app=${draft.app}\`.`);
    if (draft.otherThanApp.length > 0) {
      fail(
        `\`app=\` estimates the live app as it runs, so ${shown(draft.otherThanApp.join(' '))} can't be added to it (only \`share\`). For a what-if, describe the processes instead, e.g. \`web=2xstandard-2x staging\`.`,
      );
    }
    const region = draft.region ? { region: draft.region } : {};
    return { ok: true, request: { kind: 'app', app: draft.app, share: draft.share, ...region } };
  }
  if (draft.processes.length === 0 && !draft.database && !draft.cache) {
    fail(
      `Nothing to estimate yet: add at least one process, e.g. \`${draft.platform === 'aws' ? AWS_EXAMPLE : HEROKU_EXAMPLE}\`.`,
    );
  }
  if (draft.multiAz && draft.platform === 'heroku') {
    fail('`multi-az` is for AWS `rds=`; on Heroku, premium-* plans are highly available, e.g. `postgres=premium-0`.');
  }
  if (draft.multiAz && !draft.database)
    fail('`multi-az` needs a database to apply to, e.g. `aws web=2xm5.large rds=db.m6g.large multi-az`.');
  if (draft.platform === 'aws' && draft.awsCompute === 'fargate') {
    fail(
      '`fargate` chooses how a Heroku workload runs on AWS; in an `aws` estimate, size processes as Fargate tasks instead, e.g. `aws web=2xfargate-1vcpu-2gb`.',
    );
  }
  if (draft.platform === 'aws' && draft.arm) {
    fail(
      '`arm` allows Graviton when modelling a Heroku workload on AWS; in an `aws` estimate, name Graviton types directly, e.g. `aws web=2xm7g.large`.',
    );
  }
  if (draft.storageGb !== undefined && !draft.database) {
    fail(
      `\`storage=\` sizes the database: add one, e.g. \`${draft.platform === 'aws' ? 'rds=db.m6g.large storage=100gb' : 'postgres=standard-0 storage=40gb'}\`.`,
    );
  }
  return { ok: true, request: buildRequest(draft, catalog) };
}

function databaseFor(draft: Draft, catalog: Catalog): Database | undefined {
  const db = draft.database?.value;
  if (!db) return undefined;
  if (draft.platform === 'aws') {
    // Priced as given, not silently raised to the smallest volume RDS provisions.
    if (draft.storageGb !== undefined && draft.storageGb < RDS_MIN_STORAGE_GB) {
      fail(
        `\`storage=${draft.storageGb}gb\`: RDS gp3 storage starts at ${RDS_MIN_STORAGE_GB} GB; give at least that, e.g. \`rds=${db.plan} storage=${RDS_MIN_STORAGE_GB}gb\`.`,
      );
    }
    return {
      ...db,
      highAvailability: draft.multiAz,
      ...(draft.storageGb === undefined
        ? { storageGb: catalog.assumptions.awsDatabaseStorageGb, storageAssumed: true as const }
        : { storageGb: draft.storageGb }),
    };
  }
  if (draft.storageGb === undefined) return db;
  if (draft.storageGb > db.storageGb) {
    fail(
      `\`storage=${draft.storageGb}gb\` is more than ${db.plan} holds (${db.storageGb} GB): choose a bigger plan or less storage, e.g. \`postgres=${db.plan} storage=${db.storageGb}gb\`.`,
    );
  }
  return { ...db, storageGb: draft.storageGb };
}

/**
 * A Shield dyno or data store runs in a Shield Private Space, where Heroku keeps HIPAA data under its BAA:
 * such a workload is modelled as holding it (as a live app in one is), so AWS carries the same services.
 */
function runsInShield(draft: Draft): boolean {
  const shield = (name: string | undefined) => name?.startsWith('shield-') === true;
  return (
    draft.platform === 'heroku' &&
    (draft.processes.some((p) => shield(p.size)) ||
      shield(draft.database?.value.plan) ||
      shield(draft.cache?.value.plan))
  );
}

function buildRequest(draft: Draft, catalog: Catalog): Extract<EstimateRequest, { kind: 'workload' }> {
  const database = databaseFor(draft, catalog);
  const cache = draft.cache?.value;
  if (runsInShield(draft)) draft.compliance.add('hipaa');
  // Absent stores are left out rather than deleted: `delete` turns the object into a slow dictionary,
  // and the model reads this workload hundreds of times an estimate. Field by field, in the order the
  // JSON has always had, rather than with spreads (each one iterates in the interpreter).
  const workload = { origin: draft.platform, label: 'estimate', processes: draft.processes } as Workload;
  if (database) workload.database = database;
  if (cache) workload.cache = cache;
  workload.addOns = [];
  // As for a live app (`migrate`, `app=`): the assumed egress goes out through a web process; a
  // workload without one sends none unless `egress=` says so.
  workload.egressGbPerMonth =
    draft.egressGb ?? (draft.processes.some((p) => isWebProcess(p.name)) ? catalog.assumptions.egressGbPerMonth : 0);
  // By what runs (docs/decisions.md, "Log volume follows what runs"), unless `logs=` says.
  workload.logGbPerMonth = draft.logGb ?? logGbFor(draft.processes, catalog);
  workload.environments = { staging: draft.staging, reviewApps: draft.reviewApps ?? 0 };
  workload.compliance = Array.from(draft.compliance);
  const options: EstimateOptions = {};
  if (draft.opsRate) options.opsRate = draft.opsRate;
  if (draft.awsCompute) options.awsCompute = draft.awsCompute;
  if (draft.arm) options.awsArchitecture = 'any';
  const request = { kind: 'workload', workload, share: draft.share } as Extract<EstimateRequest, { kind: 'workload' }>;
  if (draft.opsRate) request.opsRate = draft.opsRate;
  request.options = options;
  if (draft.region) request.region = draft.region;
  return request;
}
