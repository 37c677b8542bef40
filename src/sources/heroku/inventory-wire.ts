import { SourceError } from '../source-error';
import type { CouplingWire } from './pipeline-wire';
import { billedSizeName } from './shield-size';
import type {
  HerokuAddOn,
  HerokuApp,
  HerokuDynoSize,
  HerokuFormation,
  HerokuInventory,
  HerokuSpace,
  HerokuTeam,
  HerokuTeamMember,
} from './types';
import type {
  AccountWire,
  AddOnWire,
  AppWire,
  DynoSizeWire,
  FormationWire,
  SpaceWire,
  TeamMemberWire,
  TeamWire,
} from './wire';

/**
 * Heroku's wire data (checked by the schemas in wire.ts) turned into the plain inventory the rest
 * of the app reads. No requests here: heroku-source.ts fetches and hands over what it got.
 */

/** The catalog's monthly price of a dyno size in cents, for sizes whose /dyno-sizes `cost` is null. */
export type CatalogDynoPrice = (sizeName: string) => number | undefined;

/** A price lookup that answers only with whole, non-negative cents. */
export function catalogDynoPrice(fallback: (sizeName: string) => number | undefined): CatalogDynoPrice {
  return (sizeName) => {
    const cents = fallback(sizeName.toLowerCase());
    return cents !== undefined && Number.isSafeInteger(cents) && cents >= 0 ? cents : undefined;
  };
}

/** Everything one inventory fetched, as it came. */
export interface InventoryWire {
  fetchedAt: Date;
  wantedTeams: readonly string[] | undefined;
  account: AccountWire;
  /** The teams read (all, or the ones asked for), in name order. */
  teams: HerokuTeam[];
  /** Every app once, in listing order. */
  apps: AppWire[];
  /** One formation list per app, in the same order; undefined for an app deleted meanwhile or not read (a gap). */
  formations: (FormationWire[] | undefined)[];
  addOns: AddOnWire[];
  spaces: SpaceWire[];
  sizes: DynoSizeWire[];
  /** One member list per team, in the order of `teams`. */
  memberLists: TeamMemberWire[][];
  /** Every pipeline coupling the token sees: each app's stage. */
  couplings: CouplingWire[];
  gaps: HerokuInventory['gaps'];
  requests: number;
}

export function assembleInventory(wire: InventoryWire, price: CatalogDynoPrice): HerokuInventory {
  const dynoSizes = wire.sizes.map((size) => toDynoSize(size, price));
  const addOnsByApp = new Map<string, HerokuAddOn[]>();
  const seenAddOns = new Set<string>();
  for (const addOn of wire.addOns) {
    if (seenAddOns.has(addOn.id) || addOn.state === 'deprovisioned') continue;
    seenAddOns.add(addOn.id);
    const list = addOnsByApp.get(addOn.app.id) ?? [];
    list.push(toAddOn(addOn));
    addOnsByApp.set(addOn.app.id, list);
  }
  for (const list of addOnsByApp.values()) list.sort(byAddOn);

  const sizeIndex = indexSizes(dynoSizes);
  const stageOf = new Map(wire.couplings.map((coupling) => [coupling.app.id, coupling.stage]));
  const apps: HerokuApp[] = [];
  wire.apps.forEach((app, index) => {
    const formation = wire.formations[index];
    if (!formation) return;
    apps.push({
      id: app.id,
      name: app.name,
      team: app.team ? { id: app.team.id, name: app.team.name } : null,
      ownerEmail: app.owner?.email ?? null,
      region: app.region?.name ?? null,
      space: app.space ? { id: app.space.id, name: app.space.name, shield: app.space.shield === true } : null,
      formation: formation
        .map((entry) => toFormation(entry, sizeIndex, price, app.space?.shield === true))
        .sort(byProcessType),
      addOns: addOnsByApp.get(app.id) ?? [],
      pipelineStage: stageOf.get(app.id) ?? null,
    });
  });
  apps.sort((a, b) => a.name.localeCompare(b.name));

  const spaces = new Map<string, HerokuSpace>();
  for (const space of wire.spaces) {
    spaces.set(space.id, {
      id: space.id,
      name: space.name,
      shield: space.shield === true,
      team: space.team?.name ?? null,
    });
  }

  const members: HerokuTeamMember[] = wire.teams.flatMap((team, index) =>
    wire.memberLists[index].map((member) => ({
      team: { id: team.id, name: team.name },
      email: member.email,
      role: member.role ?? null,
      twoFactor: member.two_factor_authentication === true,
    })),
  );

  return {
    version: 1,
    fetchedAt: wire.fetchedAt.toISOString(),
    scope: wire.wantedTeams ? [...wire.wantedTeams] : 'all',
    account: {
      id: wire.account.id,
      email: wire.account.email,
      twoFactor: wire.account.two_factor_authentication === true,
    },
    teams: wire.teams,
    apps,
    dynoSizes,
    spaces: [...spaces.values()].sort((a, b) => a.name.localeCompare(b.name)),
    members: members.sort((a, b) => a.team.name.localeCompare(b.team.name) || a.email.localeCompare(b.email)),
    gaps: wire.gaps,
    requests: wire.requests,
  };
}

export function toTeam(team: TeamWire): HerokuTeam {
  return { id: team.id, name: team.name, type: team.type ?? null, role: team.role ?? null };
}

/** The teams HEROKU_TEAMS names, by name (any case) or id; a name the token does not see is an error. */
export function selectTeams(teams: readonly HerokuTeam[], wanted: readonly string[]): HerokuTeam[] {
  const selected: HerokuTeam[] = [];
  const missing: string[] = [];
  for (const name of wanted) {
    const lower = name.toLowerCase();
    const team = teams.find((candidate) => candidate.name.toLowerCase() === lower || candidate.id === name);
    if (!team) missing.push(name);
    else if (!selected.includes(team)) selected.push(team);
  }
  if (missing.length > 0) {
    const visible = teams.map((team) => team.name).sort();
    throw new SourceError(
      'heroku',
      'not-found',
      `HEROKU_TEAMS names ${missing.map((name) => `"${name}"`).join(', ')}, which this Heroku token does not see ` +
        `(teams it sees: ${visible.length > 0 ? visible.join(', ') : 'none'}).`,
    );
  }
  return selected;
}

function toDynoSize(size: DynoSizeWire, price: CatalogDynoPrice): HerokuDynoSize {
  const cost = size.cost ? { cents: size.cost.cents ?? null, unit: size.cost.unit ?? null } : null;
  const fromApi = cost?.cents != null && cost.unit?.toLowerCase() === 'month' ? cost.cents : undefined;
  const fromCatalog = fromApi === undefined ? price(size.name) : undefined;
  const monthlyCents = fromApi ?? fromCatalog ?? null;
  return {
    id: size.id,
    name: size.name,
    memoryGb: size.memory,
    compute: size.compute,
    dedicated: size.dedicated === true,
    privateSpaceOnly: size.private_space_only === true,
    preciseDynoUnits: size.precise_dyno_units ?? null,
    cost,
    monthlyCents,
    priceFrom: fromApi !== undefined ? 'api' : fromCatalog !== undefined ? 'catalog' : null,
  };
}

function toFormation(
  entry: FormationWire,
  sizes: SizeIndex,
  price: CatalogDynoPrice,
  shieldSpace: boolean,
): HerokuFormation {
  const named = entry.dyno_size?.name ?? entry.size ?? 'unknown';
  const listed =
    (entry.dyno_size?.id ? sizes.byId.get(entry.dyno_size.id) : undefined) ?? sizes.byName.get(named.toLowerCase());
  // In a Shield space a Private size is billed as its Shield size (shield-size.ts), and priced as that.
  const asListed = listed?.name ?? named;
  const billed = billedSizeName(asListed, shieldSpace);
  const size = billed === asListed ? listed : sizes.byName.get(billed.toLowerCase());
  const lower = billed.toLowerCase();
  const catalog = size ? undefined : price(lower);
  const spec = size ?? listed;
  return {
    type: entry.type,
    quantity: entry.quantity,
    size: lower,
    sizeName: billedSizeName(named, shieldSpace),
    memoryGb: spec?.memoryGb ?? null,
    compute: spec?.compute ?? null,
    dedicated: spec?.dedicated ?? false,
    monthlyCents: size ? size.monthlyCents : (catalog ?? null),
    priceFrom: size ? size.priceFrom : catalog !== undefined ? 'catalog' : null,
  };
}

function toAddOn(addOn: AddOnWire): HerokuAddOn {
  const service = addOn.addon_service.name;
  const planName = addOn.plan.name;
  const plan = planName.startsWith(`${service}:`) ? planName.slice(service.length + 1) : planName;
  const billed = addOn.billed_price
    ? {
        cents: addOn.billed_price.cents,
        contract: addOn.billed_price.contract === true,
        unit: addOn.billed_price.unit ?? null,
      }
    : null;
  const contract = billed?.contract === true;
  const perMonth = billed !== null && (billed.unit === null || billed.unit.toLowerCase() === 'month');
  return {
    id: addOn.id,
    name: addOn.name,
    service,
    plan,
    planName,
    planId: addOn.plan.id,
    billedPrice: billed,
    monthlyCents: billed && !contract && perMonth ? billed.cents : null,
    contract,
    priceUnit: billed && !perMonth ? billed.unit : null,
    state: addOn.state ?? null,
  };
}

/** Stable orders, so equal inventories are equal objects: web first, then by name. */
const byProcessType = (a: HerokuFormation, b: HerokuFormation) =>
  Number(b.type === 'web') - Number(a.type === 'web') || a.type.localeCompare(b.type);
const byAddOn = (a: HerokuAddOn, b: HerokuAddOn) =>
  a.service.localeCompare(b.service) || a.plan.localeCompare(b.plan) || a.id.localeCompare(b.id);

interface SizeIndex {
  byId: Map<string, HerokuDynoSize>;
  byName: Map<string, HerokuDynoSize>;
}

/** Formation spells sizes `Standard-2X`, /dyno-sizes `standard-2X`: match by id, then by name in any case. */
function indexSizes(sizes: readonly HerokuDynoSize[]): SizeIndex {
  return {
    byId: new Map(sizes.map((size) => [size.id, size])),
    byName: new Map(sizes.map((size) => [size.name.toLowerCase(), size])),
  };
}
