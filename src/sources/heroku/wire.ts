import { z } from 'zod';

/**
 * The parts of Heroku Platform API responses this source reads, checked on arrival so a changed or
 * broken response becomes a plain `bad-response` error instead of a crash deep in the code.
 * Property names follow the Platform API schema (https://api.heroku.com/schema; docs/references.md#heroku-platform-api); unknown properties are
 * dropped. Only what is used is required.
 */

const ref = z.object({ id: z.string(), name: z.string() });

export const accountWire = z.object({
  id: z.string(),
  email: z.string(),
  two_factor_authentication: z.boolean().nullish(),
});

export const teamWire = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string().nullish(),
  role: z.string().nullish(),
});

export const appWire = z.object({
  id: z.string(),
  name: z.string(),
  owner: z.object({ email: z.string().nullish() }).nullish(),
  team: ref.nullish(),
  region: z.object({ name: z.string() }).nullish(),
  space: z.object({ id: z.string(), name: z.string(), shield: z.boolean().nullish() }).nullish(),
});

export const formationWire = z.object({
  type: z.string(),
  quantity: z.number().int(),
  size: z.string().nullish(),
  dyno_size: z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
});

const priceWire = z.object({ cents: z.number().int(), contract: z.boolean().nullish(), unit: z.string().nullish() });

export const addOnWire = z.object({
  id: z.string(),
  name: z.string(),
  addon_service: z.object({ id: z.string().nullish(), name: z.string() }),
  plan: z.object({ id: z.string(), name: z.string() }),
  app: z.object({ id: z.string(), name: z.string().nullish() }),
  billed_price: priceWire.nullish(),
  state: z.string().nullish(),
});

export const dynoSizeWire = z.object({
  id: z.string(),
  name: z.string(),
  memory: z.number(),
  compute: z.number(),
  dedicated: z.boolean().nullish(),
  private_space_only: z.boolean().nullish(),
  precise_dyno_units: z.number().nullish(),
  cost: z.object({ cents: z.number().int().nullish(), unit: z.string().nullish() }).nullish(),
});

export const spaceWire = z.object({
  id: z.string(),
  name: z.string(),
  shield: z.boolean().nullish(),
  team: z.object({ id: z.string().nullish(), name: z.string().nullish() }).nullish(),
});

export const teamMemberWire = z.object({
  email: z.string(),
  role: z.string().nullish(),
  two_factor_authentication: z.boolean().nullish(),
});

export const planWire = z.object({
  id: z.string(),
  name: z.string(),
  compliance: z.array(z.string()).nullish(),
  price: priceWire.nullish(),
});

export type AccountWire = z.infer<typeof accountWire>;
export type TeamWire = z.infer<typeof teamWire>;
export type AppWire = z.infer<typeof appWire>;
export type FormationWire = z.infer<typeof formationWire>;
export type AddOnWire = z.infer<typeof addOnWire>;
export type DynoSizeWire = z.infer<typeof dynoSizeWire>;
export type SpaceWire = z.infer<typeof spaceWire>;
export type TeamMemberWire = z.infer<typeof teamMemberWire>;
