import { z } from 'zod';

/**
 * The parts of the Platform API a parity check reads (pipelines, couplings, an app's stack and
 * region, buildpack installations, add-on config var names, config vars), checked on arrival.
 * Config vars are parsed to their NAMES at once: the values never leave this parser.
 */

export const pipelineWire = z.object({ id: z.string(), name: z.string() });

export const couplingWire = z.object({
  app: z.object({ id: z.string() }),
  pipeline: z.object({ id: z.string() }),
  stage: z.string(),
});

export const parityAppWire = z.object({
  id: z.string(),
  name: z.string(),
  stack: z.object({ name: z.string() }).nullish(),
  region: z.object({ name: z.string() }).nullish(),
  space: z.object({ name: z.string(), shield: z.boolean().nullish() }).nullish(),
});

export const buildpackInstallationsWire = z.array(
  z.object({
    ordinal: z.number().int(),
    buildpack: z.object({ name: z.string().nullish(), url: z.string().nullish() }),
  }),
);

export const parityAddOnWire = z.object({
  addon_service: z.object({ name: z.string() }),
  /** The app that owns (and is billed for) the add-on: another app's when it is only attached here. */
  app: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
  plan: z.object({ name: z.string() }),
  billed_price: z
    .object({ cents: z.number().int(), contract: z.boolean().nullish(), unit: z.string().nullish() })
    .nullish(),
  config_vars: z.array(z.string()).nullish(),
  state: z.string().nullish(),
});

/** `{NAME: value}` → sorted names. A value is never kept, so it cannot reach an answer, a log or the cache. */
export const configVarNamesWire = z.record(z.string(), z.unknown()).transform((vars) => Object.keys(vars).sort());

export type CouplingWire = z.infer<typeof couplingWire>;
export type ParityAddOnWire = z.infer<typeof parityAddOnWire>;
