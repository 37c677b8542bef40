import type { MigrateAnswer } from '../answers/migrate';
import {
  type MigrationModel,
  type PlatformCost,
  type PricedCostLine,
  paybackWithin,
  priceDatesOf,
  type TierCost,
  tallyCount,
  type UnpricedCount,
} from '../core/model';
import { fromCents, type Money, sumMoney } from '../core/money';
import { verdictJson } from './verdict-json';

/** How many items each side's figure leaves out, of every kind: `{ current: 1, likeForLike: 0 }`. */
const counts = (u: UnpricedCount) => ({ current: tallyCount(u.current), likeForLike: tallyCount(u.likeForLike) });

/** Dollars with two decimals, as a string: `1234.50`. */
const amount = (value: Money) => value.toFixed(2);

/** A line: `monthly` as shown (rounded once), `monthlyExact` the unrounded quantity × unit price. */
const line = (l: PricedCostLine) => ({
  item: l.item,
  environment: l.environment,
  category: l.category,
  quantity: l.quantity,
  unit: l.unit,
  unitPrice: l.unitPrice.toString(),
  monthly: amount(fromCents(l.cents)),
  monthlyExact: l.monthly.toString(),
  source: l.source,
  asOf: l.asOf,
  confidence: l.confidence,
});

const unpriced = (cost: Pick<PlatformCost, 'unpriced'>) =>
  cost.unpriced.map((l) => ({
    item: l.item,
    environment: l.environment,
    note: l.note,
    priceKey: l.priceKey,
    // As the estimate's --json: a contract price, or a list price the bundled list lacks (and where it is listed).
    ...(l.contractPrice ? { contractPrice: true } : {}),
    ...(l.listedAt ? { listedAt: l.listedAt } : {}),
  }));

const exact = (lines: readonly PricedCostLine[]) => sumMoney(lines.map((l) => l.monthly)).toString();

const tierJson = (tier: TierCost) => ({
  id: tier.id,
  platform: tier.platform,
  description: tier.description,
  monthly: amount(tier.infrastructure),
  monthlyExact: exact(tier.lines),
  lines: tier.lines.map(line),
  unpriced: unpriced(tier),
});

/**
 * The whole migration as JSON: every amount a decimal string in USD a month, each total the sum of
 * its lines' shown amounts; exact sums apart (`monthlyExact`).
 */
export function migrateJson(answer: Extract<MigrateAnswer, { kind: 'migrate' }>) {
  const m: MigrationModel = answer.model;
  return {
    direction: m.direction,
    currency: 'USD',
    period: 'month',
    estimated: true,
    priceListDate: m.priceListDate,
    // The oldest and newest dates of the sources these lines were priced from (the text's span).
    priceDates: priceDatesOf([...m.current.lines, ...m.tiers.flatMap((t) => t.lines)], m.priceListDate),
    source: answer.source,
    current: {
      platform: m.current.platform,
      monthly: amount(m.current.infrastructure),
      monthlyExact: exact(m.current.lines),
      lines: m.current.lines.map(line),
      unpriced: unpriced(m.current),
    },
    tiers: m.tiers.map(tierJson),
    range: { low: amount(m.range.low), high: amount(m.range.high) },
    verdict: verdictJson(m.verdict),
    // `atLeast`: partial, yet the cheaper side is cheaper by at least `monthly`'s amount.
    differences: m.differences.map((d) => ({
      tier: d.tier,
      monthly: amount(d.monthly),
      partial: d.partial,
      ...(d.atLeast ? { atLeast: true } : {}),
    })),
    oneOff: { total: amount(m.oneOff.total), lines: m.oneOff.lines.map(line) },
    ...(m.paybackMonths === undefined ? {} : { paybackMonths: m.paybackMonths }),
    // The verdict's saving is a lower bound: the move pays back within this many months.
    ...(paybackWithin(m) === undefined ? {} : { paybackWithinMonths: paybackWithin(m) }),
    units: m.units.map((u) => ({
      kind: m.unitKind,
      name: u.name,
      ...(u.team ? { team: u.team } : {}),
      environment: u.environment,
      current: amount(u.current),
      likeForLike: amount(u.likeForLike),
      // Items without a price each figure leaves out: above 0, that figure is a lower bound.
      unpricedItems: counts(u.unpriced),
    })),
    teams: m.teams.map((t) => ({
      team: t.team ?? null,
      apps: t.units,
      current: amount(t.current),
      likeForLike: amount(t.likeForLike),
      unpricedItems: counts(t.unpriced),
    })),
    // Each Space's fee, in its team's figures (teams) and a part of its own beside the apps (units).
    spaces: m.spaces.map((space) => ({
      item: space.item,
      team: space.team,
      apps: space.apps,
      current: amount(space.current),
      unpricedItems: tallyCount(space.unpriced),
    })),
    shared: {
      current: amount(m.currentShared),
      likeForLike: amount(m.sharedLikeForLike),
      unpricedItems: counts(m.sharedUnpriced),
    },
    drivers: m.drivers,
    assumptions: m.assumptions,
    notes: answer.notes,
    // Apps not in the model because they could not be read, with Heroku's answer: none when every app was.
    notRead: answer.notRead ?? [],
  };
}
