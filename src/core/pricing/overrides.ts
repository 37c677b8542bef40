import type { parseDocument as ParseDocument } from 'yaml';
import type { z } from 'zod';
import { formatUnitPrice, type Money, usd } from '../money';
import { ASSUMPTION_NAMES, type AssumptionName, type Assumptions } from './assumptions';
import { type Catalog, DEFAULT_CATALOG } from './catalog';
import { closestMatch } from './closest-match';
import type { CatalogEntry } from './price-entry';

/** What a PRICING_FILE says, validated. Reading the file is the adapter's job. */
export interface PricingOverrides {
  fileName: string;
  /** The date the file's prices are valid from; defaults to the catalog's price-list date. */
  asOf?: string;
  prices: ReadonlyMap<string, Money>;
  assumptions: AssumptionOverrides;
}

type AssumptionOverrides = Partial<Omit<Assumptions, 'opsHoursPerEnvironment'>> & {
  opsHoursPerEnvironment?: Partial<Assumptions['opsHoursPerEnvironment']>;
};

export type PricingOverridesResult =
  | { ok: true; overrides: PricingOverrides }
  | { ok: false; message: string; problems: string[] };

export const PRICING_FILE_EXAMPLE = `asOf: 2026-11-01
prices:
  heroku.space.shield: 3000       # $ per month, from your contract
  heroku.postgres.shield-0: 450
  aws.ec2.m5.large: 0.085         # $ per hour
assumptions:
  opsHourlyRate: 120
  opsHoursPerEnvironment: { heroku: 2, aws: 10 }
  egressGbPerMonth: 500`;

const MONEY_TEXT = /^\s*\$?[\d,]+(\.\d+)?\s*$/;

function numberError(issue: { input?: unknown }): string {
  return typeof issue.input === 'string' && MONEY_TEXT.test(issue.input)
    ? 'expected a number without "$" or commas'
    : 'expected a number';
}

/**
 * The file's schema, built on first use: zod is loaded only when there is a PRICING_FILE to read,
 * so an estimate without one does not pay for it.
 */
function compileFileSchema(z: typeof import('zod').z) {
  const amount = z.number({ error: numberError }).finite().nonnegative({ error: 'must be 0 or more' });
  const positive = z.number({ error: numberError }).finite().positive({ error: 'must be more than 0' });
  const share = amount.max(1, { error: 'must be a fraction between 0 and 1, e.g. 0.1' });

  const assumptionsSchema = z.strictObject({
    opsHoursPerEnvironment: z
      .strictObject({ heroku: amount.optional(), aws: amount.optional() }, { error: 'expected { heroku: 2, aws: 10 }' })
      .optional(),
    opsHourlyRate: amount.optional(),
    egressGbPerMonth: amount.optional(),
    logGbPerMonth: amount.optional(),
    logGbPerDyno: amount.optional(),
    logGbPerHobbyDyno: amount.optional(),
    nonProductionTrafficShare: share.optional(),
    logRetentionMonths: amount.optional(),
    albLcuAverage: amount.optional(),
    natGbPerMonth: amount.optional(),
    ec2RootVolumeGb: amount.optional(),
    awsDatabaseStorageGb: positive.optional(),
    kmsRequestsPerMonth: amount.optional(),
    cloudTrailDataEventsPerMonth: amount.optional(),
    guardDutyEventsPerMonth: amount.optional(),
    guardDutyLogGbPerMonth: amount.optional(),
    wafRules: amount.optional(),
    wafRequestsPerMonth: amount.optional(),
    computeSavingsPlanDiscount: share.optional(),
    fargateSavingsPlanDiscount: share.optional(),
    albRulesPerLoadBalancer: positive.optional(),
    migrationHoursPerApp: amount.optional(),
    migrationHoursPerDatabase: amount.optional(),
    migrationHoursBasePerApp: amount.optional(),
    migrationHoursPerProcessType: amount.optional(),
    migrationHoursPerLoadBalancedApp: amount.optional(),
    migrationHoursPerSmallDatabase: amount.optional(),
    migrationHoursPerLargeDatabase: amount.optional(),
    migrationDumpRestoreMaxGb: amount.optional(),
    migrationHoursPerCache: amount.optional(),
    migrationHoursPerAddOn: amount.optional(),
    migrationHoursPerSpace: amount.optional(),
  });

  const fileSchema = z.strictObject(
    {
      asOf: z
        .string({ error: 'expected a date like 2026-11-01' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date like 2026-11-01' })
        .optional(),
      prices: z
        .record(z.string(), amount, { error: 'expected price keys with numbers, e.g. aws.ec2.m5.large: 0.085' })
        .optional(),
      assumptions: assumptionsSchema.optional(),
    },
    { error: 'expected a mapping with prices: and/or assumptions:' },
  );
  return fileSchema;
}

let compiledFileSchema: ReturnType<typeof compileFileSchema> | undefined;
const fileSchema = () => {
  compiledFileSchema ??= compileFileSchema((require('zod') as typeof import('zod')).z);
  return compiledFileSchema;
};

const KNOWN_KEYS: Record<string, readonly string[]> = {
  '': ['asOf', 'prices', 'assumptions'],
  assumptions: ASSUMPTION_NAMES,
  'assumptions.opsHoursPerEnvironment': ['heroku', 'aws'],
};

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `heroku: { dyno: { standard-2x: 45 } }` and `heroku.dyno.standard-2x: 45` mean the same price. */
function flattenPrices(value: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}) {
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isMapping(inner)) flattenPrices(inner, path, out);
    else out[path] = inner;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const known = KNOWN_KEYS[path] ?? [];
      const guess = closestMatch(key, known);
      const where = path ? `${path}.${key}` : key;
      return guess
        ? `${where}: unknown setting; did you mean ${path ? `${path}.` : ''}${guess}?`
        : `${where}: unknown setting; expected one of ${known.join(', ')}`;
    });
  }
  return [`${path || '(top level)'}: ${issue.message}`];
}

function describeUnknownPrice(key: string, catalog: Catalog): string {
  const guess = closestMatch(key, [...catalog.entries.keys()]);
  return guess
    ? `prices.${key}: no such price; did you mean ${guess}?`
    : `prices.${key}: no such price; keys look like aws.ec2.m5.large or heroku.dyno.standard-2x`;
}

/** A correct line for a price key: the user's own digits when they typed money as text. */
function exampleFor(entry: CatalogEntry, given: unknown): string {
  const digits = typeof given === 'string' && MONEY_TEXT.test(given) ? given.replace(/[$,\s]/g, '') : undefined;
  const current = entry.unitPrice ? formatUnitPrice(entry.unitPrice).slice(1).replace(/,/g, '') : '1000';
  return `e.g. ${entry.key}: ${digits ?? current} ($ per ${entry.unit})`;
}

function failure(fileName: string, problems: string[]): PricingOverridesResult {
  const heading =
    problems.length === 1
      ? `PRICING_FILE ${fileName} has a problem:`
      : `PRICING_FILE ${fileName} has ${problems.length} problems:`;
  return { ok: false, problems, message: [heading, ...problems.map((p) => `- ${p}`)].join('\n') };
}

/** Parses a PRICING_FILE (YAML, or JSON, which is YAML). Never throws; names every bad field. */
export function parsePricingOverrides(text: string, fileName: string): PricingOverridesResult {
  // yaml (and zod) are loaded only when there is a PRICING_FILE to read.
  const { parseDocument } = require('yaml') as { parseDocument: typeof ParseDocument };
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return failure(
      fileName,
      doc.errors.map((e) => `not valid YAML or JSON: ${e.message.split('\n')[0]}`),
    );
  }
  const raw: unknown = doc.toJS() ?? {};
  const input = isMapping(raw) && isMapping(raw.prices) ? { ...raw, prices: flattenPrices(raw.prices) } : raw;
  const parsed = fileSchema().safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(describeIssue);
  const prices = new Map<string, Money>();
  if (isMapping(input) && isMapping(input.prices)) {
    for (const [key, value] of Object.entries(input.prices)) {
      const entry = DEFAULT_CATALOG.entries.get(key);
      if (!entry) problems.push(describeUnknownPrice(key, DEFAULT_CATALOG));
      else if (typeof value === 'number' && Number.isFinite(value) && value >= 0) prices.set(key, usd(value));
      else {
        const index = problems.findIndex((p) => p.startsWith(`prices.${key}:`));
        if (index >= 0) problems[index] = `${problems[index]}, ${exampleFor(entry, value)}`;
      }
    }
  }
  if (!parsed.success || problems.length > 0) return failure(fileName, problems);
  const { asOf, assumptions = {} } = parsed.data;
  const { opsHourlyRate, ...rest } = assumptions;
  const overrides: PricingOverrides = {
    fileName,
    asOf,
    prices,
    assumptions: opsHourlyRate === undefined ? rest : { ...rest, opsHourlyRate: usd(opsHourlyRate) },
  };
  return { ok: true, overrides };
}

/** A new catalog with the file's prices and assumptions; overridden entries cite the file. */
export function applyOverrides(catalog: Catalog, overrides: PricingOverrides): Catalog {
  const source = `PRICING_FILE (${overrides.fileName})`;
  const asOf = overrides.asOf ?? catalog.priceListDate;
  const overridden = new Map<string, CatalogEntry>();
  for (const [key, unitPrice] of overrides.prices) {
    const entry = catalog.entries.get(key);
    if (!entry) continue;
    overridden.set(key, { ...entry, unitPrice, source, asOf, confidence: 'primary', contract: entry.contract });
  }
  const entries = catalog.entries.replacedBy(overridden);
  const given = overrides.assumptions;
  const assumptionSources = { ...catalog.assumptionSources };
  for (const name of Object.keys(given) as AssumptionName[]) assumptionSources[name] = source;
  const assumptions: Assumptions = {
    ...catalog.assumptions,
    ...given,
    opsHoursPerEnvironment: { ...catalog.assumptions.opsHoursPerEnvironment, ...given.opsHoursPerEnvironment },
  };
  return { ...catalog, entries, assumptions, assumptionSources, priceListDate: entries.newestAsOf() };
}
