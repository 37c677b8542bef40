import { fromCents, type Money, toCents } from '../money';
import { type Catalog, priceOf } from '../pricing';
import type { AssumptionName } from '../pricing/assumptions';
import { addTallies, type LeftOutTally, NOTHING_LEFT_OUT, tallyOf } from './left-out';
import { shownCents } from './platform-cost';
import type { PlatformCost, PricedCostLine, TierCost, TierId, UnpricedCostLine, Verdict } from './types';
import { compareBounded, partialSides, VERDICT_TIER } from './verdict';

/**
 * A whole account modelled on the other platform: what `/hosting migrate` answers. Every figure is a
 * sum of shown (rounded-once) line cents, so each total shown equals the sum of the lines shown.
 */
type MigrationDirection = 'heroku-to-aws' | 'aws-to-heroku';

/** One thing that moves: a Heroku app, or on AWS a group of instances of one type, a database, a cache. */
export interface MigrationUnit {
  name: string;
  team?: string;
  environment: 'production' | 'staging' | 'review';
  /** Its own lines as it runs now, shown cents summed. */
  current: Money;
  /** Its own lines in the like-for-like tier, before anything shared. */
  likeForLike: Money;
  /** Its own items without a price on each side, by kind, left out of its figure: any makes it a lower bound. */
  unpriced: UnpricedCount;
}

/** Items without a price a figure leaves out, by kind, as it runs now and in the like-for-like tier. */
export interface UnpricedCount {
  current: LeftOutTally;
  likeForLike: LeftOutTally;
}

/** A team's apps together: the sums of its units' shown figures. */
export interface MigrationTeam {
  /** Undefined: apps owned by a person, not a team. */
  team?: string;
  units: number;
  current: Money;
  likeForLike: Money;
  /** The sums of its units' (and its spaces') items left out, by kind. */
  unpriced: UnpricedCount;
}

/**
 * A Private or Shield Space's fee on Heroku, with the apps it is for: the space is its team's (Heroku
 * bills the team that owns it, and only that team's apps run in it), so the team's figure carries it;
 * the apps share it, so no one app does.
 */
export interface SpaceFee {
  /** `Shield Private Space care-shield`, as its line names it. */
  item: string;
  team: string;
  apps: string[];
  /** Its fee when PRICING_FILE gives one, else $0.00 with its line in `unpriced`. */
  current: Money;
  unpriced: LeftOutTally;
}

/** One-off cost of moving: effort and data copied, apart from every monthly figure. */
export interface OneOffCost {
  lines: PricedCostLine[];
  total: Money;
}

export interface TierDifference {
  tier: TierId;
  /** Current minus the tier's total, both as shown: positive when moving saves money each month. */
  monthly: Money;
  /**
   * True when a side leaves items without a price out (add-ons left out of both alike aside, as for the
   * verdict): the difference is not exact.
   */
  partial: boolean;
  /**
   * Partial, yet a bound: the side that leaves items out already costs more without them, so the other
   * is the cheaper by at least `monthly`'s amount (`compareBounded`, as the verdict decides).
   */
  atLeast?: true;
}

export interface MigrationModel {
  direction: MigrationDirection;
  /** What the unit rows are: `app` (Heroku) or `workload` (AWS instance types, databases, caches). */
  unitKind: 'app' | 'workload';
  current: PlatformCost;
  tiers: TierCost[];
  range: { low: Money; high: Money };
  verdict: Verdict;
  units: MigrationUnit[];
  teams: MigrationTeam[];
  /** Heroku's Private and Shield Space fees, each with its team and apps; none from AWS. */
  spaces: SpaceFee[];
  /** Current lines no unit or space owns (Heroku's Eco pool; AWS's load balancers, NAT, what stays). */
  currentShared: Money;
  /** Like-for-like lines no unit owns: what the other platform adds once. */
  sharedLikeForLike: Money;
  /** Items without a public price no unit or space owns: the shared figures leave them out. */
  sharedUnpriced: UnpricedCount;
  differences: TierDifference[];
  oneOff: OneOffCost;
  /** Months of the verdict tier's saving that pay the one-off cost back; absent when it saves nothing. */
  paybackMonths?: number;
  /** The largest reasons for the difference, in words. */
  drivers: string[];
  assumptions: string[];
  priceListDate: string;
}

/** Lines whose item starts with the unit's prefix, summed as shown. */
export function ownCents(lines: readonly PricedCostLine[], prefix: string): number {
  return shownCents(lines.filter((l) => l.item.startsWith(prefix)));
}

/**
 * `ownCents` of many units over the same lines, the lines grouped once by their `name: ` prefix
 * (a fleet of 500 apps would otherwise scan every line once per app). A prefix with a `: ` inside
 * the name is looked up the long way.
 */
export function ownCentsOf(lines: readonly PricedCostLine[]): (prefix: string) => number {
  const byPrefix = new Map<string, PricedCostLine[]>();
  for (const line of lines) {
    const end = line.item.indexOf(': ');
    if (end < 0) continue;
    const prefix = line.item.slice(0, end + 2);
    const group = byPrefix.get(prefix);
    if (group) group.push(line);
    else byPrefix.set(prefix, [line]);
  }
  return (prefix) =>
    prefix.indexOf(': ') === prefix.length - 2 ? shownCents(byPrefix.get(prefix) ?? []) : ownCents(lines, prefix);
}

/**
 * How many of the unpriced lines each unit owns, by kind (by the same `name: ` prefix as `ownCentsOf`);
 * the counts of all units and what no unit owns add up to the side's unpriced lines.
 */
export function ownUnpricedOf(lines: readonly UnpricedCostLine[]): (prefix: string) => LeftOutTally {
  const byPrefix = new Map<string, UnpricedCostLine[]>();
  for (const line of lines) {
    const end = line.item.indexOf(': ');
    if (end < 0) continue;
    const prefix = line.item.slice(0, end + 2);
    const owned = byPrefix.get(prefix);
    if (owned) owned.push(line);
    else byPrefix.set(prefix, [line]);
  }
  return (prefix) =>
    tallyOf(
      prefix.indexOf(': ') === prefix.length - 2
        ? (byPrefix.get(prefix) ?? [])
        : lines.filter((l) => l.item.startsWith(prefix)),
    );
}

/** What no unit owns: each side's unpriced items less those the units own. */
export function sharedUnpricedOf(
  current: Pick<PlatformCost, 'unpriced'>,
  likeForLike: Pick<TierCost, 'unpriced'>,
  units: readonly MigrationUnit[],
  spaces: readonly SpaceFee[] = [],
): UnpricedCount {
  const owned = (side: keyof UnpricedCount) =>
    units.reduce((sum, u) => addTallies(sum, u.unpriced[side]), NOTHING_LEFT_OUT);
  const inSpaces = spaces.reduce((sum, space) => addTallies(sum, space.unpriced), NOTHING_LEFT_OUT);
  return {
    current: addTallies(addTallies(tallyOf(current.unpriced), owned('current'), -1), inSpaces, -1),
    likeForLike: addTallies(tallyOf(likeForLike.unpriced), owned('likeForLike'), -1),
  };
}

/** Units grouped by team in first-seen order, personal apps (no team) last. */
export function teamsOf(units: readonly MigrationUnit[], spaces: readonly SpaceFee[] = []): MigrationTeam[] {
  const byTeam = new Map<
    string | undefined,
    { units: number; current: number; likeForLike: number; unpriced: UnpricedCount }
  >();
  for (const unit of units) {
    const team = byTeam.get(unit.team) ?? {
      units: 0,
      current: 0,
      likeForLike: 0,
      unpriced: { current: NOTHING_LEFT_OUT, likeForLike: NOTHING_LEFT_OUT },
    };
    team.units += 1;
    team.current += toCents(unit.current);
    team.likeForLike += toCents(unit.likeForLike);
    team.unpriced = {
      current: addTallies(team.unpriced.current, unit.unpriced.current),
      likeForLike: addTallies(team.unpriced.likeForLike, unit.unpriced.likeForLike),
    };
    byTeam.set(unit.team, team);
  }
  // A space's fee is its team's (every space given here has a team among the units).
  for (const space of spaces) {
    const team = byTeam.get(space.team)!;
    team.current += toCents(space.current);
    team.unpriced = { ...team.unpriced, current: addTallies(team.unpriced.current, space.unpriced) };
  }
  const teams = [...byTeam.entries()].map(([team, t]) => ({
    ...(team === undefined ? {} : { team }),
    units: t.units,
    current: fromCents(t.current),
    likeForLike: fromCents(t.likeForLike),
    unpriced: t.unpriced,
  }));
  return [...teams.filter((t) => t.team !== undefined), ...teams.filter((t) => t.team === undefined)];
}

/** Current minus each tier, from the totals shown. */
export function differencesOf(current: PlatformCost, tiers: readonly TierCost[]): TierDifference[] {
  return tiers.map((tier) => {
    const monthly = fromCents(toCents(current.infrastructure) - toCents(tier.infrastructure));
    const heroku = current.platform === 'heroku' ? current : tier;
    const aws = current.platform === 'heroku' ? tier : current;
    const sides = partialSides(heroku, aws);
    if (!sides.heroku && !sides.aws) return { tier: tier.id, monthly, partial: false };
    const bound = compareBounded(heroku.infrastructure, aws.infrastructure, sides);
    return bound.atLeast
      ? { tier: tier.id, monthly, partial: true, atLeast: true }
      : { tier: tier.id, monthly, partial: true };
  });
}

/** Whole months of the verdict tier's saving that cover the one-off cost. */
export function paybackOf(differences: readonly TierDifference[], oneOff: OneOffCost): number | undefined {
  const saving = differences.find((d) => d.tier === VERDICT_TIER);
  // greaterThan, not isPositive: decimal.js counts 0 as positive, and $0.00 saved never pays back.
  if (!saving || saving.partial || !saving.monthly.greaterThan(0)) return undefined;
  return Math.max(1, Math.ceil(toCents(oneOff.total) / toCents(saving.monthly)));
}

/** The platform as it runs is the cheaper by at least the verdict's difference: moving saves nothing to pay back. */
export const currentStaysCheaper = (model: Pick<MigrationModel, 'verdict' | 'current'>): boolean =>
  model.verdict.atLeast === true && model.verdict.cheaper === model.current.platform;

/**
 * When the verdict's saving is a lower bound (the side moved from leaves items without a public price
 * out, and costs more even without them): the whole months that saving pays the one-off back within.
 */
export function paybackWithin(model: Pick<MigrationModel, 'verdict' | 'current' | 'oneOff'>): number | undefined {
  const { verdict } = model;
  if (!verdict.atLeast || verdict.cheaper === model.current.platform || !verdict.difference?.greaterThan(0))
    return undefined;
  return Math.max(1, Math.ceil(toCents(model.oneOff.total) / toCents(verdict.difference)));
}

/** One kind of one-off work: how many of it, the hours each takes, and the assumption that sets them. */
export interface OneOffPart {
  /** The line's words before the hours: `Moving 21 apps`. */
  what: string;
  count: number;
  /** What the hours each are for: `build, deploy pipeline, config vars, DNS cut-over`. */
  why: string;
  hours: AssumptionName;
}

export interface OneOffWork {
  parts: OneOffPart[];
  /** Database data copied out of AWS (billed as data transfer out); 0 leaving Heroku, which bills none. */
  dataOutGb: number;
}

/**
 * The one-off cost of moving: engineering hours for each part of the work at the ops rate, one line a
 * part (`Moving 21 apps (4 h each: …)`), and the database data copied out of AWS at its data transfer
 * price. Leaving Heroku copies data for free (Heroku bills no egress and AWS bills no data in).
 */
export function oneOffCost(work: OneOffWork, catalog: Catalog): OneOffCost {
  const a = catalog.assumptions;
  const lines: PricedCostLine[] = [];
  for (const part of work.parts) {
    const each = a[part.hours] as number;
    const hours = part.count * each;
    if (hours <= 0) continue;
    const monthly = a.opsHourlyRate.times(hours);
    lines.push({
      item: `${part.what} (${each} h each: ${part.why})`,
      quantity: hours,
      unit: 'hour',
      unitPrice: a.opsHourlyRate,
      monthly,
      cents: toCents(monthly),
      source: `Hours: ${catalog.assumptionSources[part.hours]} (${part.hours}); rate: ${catalog.assumptionSources.opsHourlyRate}`,
      asOf: catalog.priceListDate,
      environment: 'production',
      category: 'ops',
      confidence: 'unconfirmed',
    });
  }
  if (work.dataOutGb > 0) {
    const entry = priceOf(catalog, 'aws.data-transfer.out.first-10tb');
    if (entry.unitPrice !== null) {
      const monthly = entry.unitPrice.times(work.dataOutGb);
      lines.push({
        item: `Copying ${work.dataOutGb} GB of database data out of AWS`,
        quantity: work.dataOutGb,
        unit: entry.unit,
        unitPrice: entry.unitPrice,
        monthly,
        cents: toCents(monthly),
        source: entry.source,
        asOf: entry.asOf,
        environment: 'production',
        category: 'network',
        confidence: entry.confidence,
      });
    }
  }
  return { lines, total: fromCents(shownCents(lines)) };
}
