import { formatUsd, fromCents, type Money, toCents } from '../money';
import { type Catalog, findDyno } from '../pricing';
import type { Steps } from '../steps';
import { cachesOf, databasesOf } from '../workload';
import { andList, plural } from './describe';
import type { FleetApp } from './fleet';
import type { PlatformCost, PricedCostLine, TierCost } from './types';

/** A reason the two platforms differ: a group of like things, priced on each side from the lines shown. */
interface Driver {
  /** `20 apps with one Basic dyno and a mini Key-Value Store`, `Performance-M dynos (48 in 8 apps)`. */
  what: string;
  heroku: number;
  aws: number;
  /** `are` for a plural subject (apps, dynos), `is` for a service. */
  verb?: 'is' | 'are';
  /** A side leaves a contract-priced or unpriced item of the group out: no cheaper side can be named. */
  unpriced?: boolean;
  /** The lines priced into `heroku` and `aws`, by side: two drivers named together never share one. */
  lines: { heroku: PricedCostLine[]; aws: PricedCostLine[] };
  /** The group's words for the apps left in it once the lines a driver named before it holds are taken out. */
  describe: (apps: ReadonlySet<string>) => string;
  /** Which candidate it is (a trimmed copy keeps it). */
  id: number;
}

/** Each app's lines, by the app name that starts the item (`acme-api: web: …`). */
function linesByApp<L extends { item: string }>(lines: readonly L[]): Map<string, L[]> {
  const byApp = new Map<string, L[]>();
  for (const line of lines) {
    const cut = line.item.indexOf(': ');
    if (cut < 0) continue;
    const app = line.item.slice(0, cut);
    const list = byApp.get(app);
    if (list) list.push(line);
    else byApp.set(app, [line]);
  }
  return byApp;
}

/** Adds the lines that pass to the driver's side (`heroku` or `aws`) and to the lines it holds. */
function take(
  driver: Driver,
  side: 'heroku' | 'aws',
  lines: readonly PricedCostLine[] | undefined,
  test: (item: string) => boolean,
): void {
  for (const line of lines ?? [])
    if (test(line.item)) {
      driver[side] += line.cents;
      driver.lines[side].push(line);
    }
}

/** A dyno size's group: its dynos counted per app, so a trimmed group says how many are left. */
function sizeGroup(label: string): Driver & { dynos: Map<string, number> } {
  const dynos = new Map<string, number>();
  return {
    what: label,
    heroku: 0,
    aws: 0,
    lines: { heroku: [], aws: [] },
    dynos,
    describe: (kept) => {
      const count = [...kept].reduce((n, name) => n + (dynos.get(name) ?? 0), 0);
      return `${label} dynos (${plural(count, 'dyno')} in ${plural(kept.size, 'app')})`;
    },
    id: 0,
  };
}

const appOf = (line: PricedCostLine): string => line.item.slice(0, line.item.indexOf(': '));

/** What is left of a driver once the lines drivers named before it hold are taken out. */
function trimmed(d: Driver, claimed: ReadonlySet<PricedCostLine>): Driver {
  const heroku = d.lines.heroku.filter((line) => !claimed.has(line));
  const aws = d.lines.aws.filter((line) => !claimed.has(line));
  if (heroku.length === d.lines.heroku.length && aws.length === d.lines.aws.length) return d;
  const apps = new Set([...heroku, ...aws].map(appOf));
  const all = new Set([...d.lines.heroku, ...d.lines.aws].map(appOf));
  const away = all.size - apps.size;
  return {
    ...d,
    what: `${d.describe(apps)}, besides ${away > 0 ? `the ${plural(away, 'app')}` : 'the lines'} counted above,`,
    heroku: heroku.reduce((sum, line) => sum + line.cents, 0),
    aws: aws.reduce((sum, line) => sum + line.cents, 0),
    lines: { heroku, aws },
  };
}

/**
 * The largest gaps first, at most `count`, no two sharing a line: an app-shape group holds its apps'
 * dyno, Postgres and Key-Value Store lines, so a group of those that overlaps one named before it is
 * trimmed to the apps not yet counted and ranked again by what is left (docs/decisions.md, "Migrate's
 * drivers never count a line twice"). So the drivers named add up, and never count a line twice.
 */
function disjoint(candidates: readonly Driver[], count: number): Driver[] {
  const claimed = new Set<PricedCostLine>();
  const chosen: Driver[] = [];
  let left = candidates.filter((d) => !d.unpriced);
  // A group with an item left out has no winner, and what it holds is not counted in another's name.
  while (chosen.length < count) {
    const ranked = left
      .map((d) => trimmed(d, claimed))
      .filter((d) => d.heroku !== d.aws && d.lines.heroku.length + d.lines.aws.length > 0)
      .sort((x, y) => Math.abs(y.heroku - y.aws) - Math.abs(x.heroku - x.aws) || x.what.localeCompare(y.what));
    const best = ranked[0];
    if (!best) break;
    for (const line of [...best.lines.heroku, ...best.lines.aws]) claimed.add(line);
    chosen.push(best);
    left = left.filter((d) => d.id !== best.id);
  }
  return chosen;
}

const anyWhere = (lines: readonly { item: string }[] | undefined, test: (item: string) => boolean): boolean =>
  (lines ?? []).some((line) => test(line.item));

const counted = (count: number, one: string) => (count === 1 ? `one ${one}` : `${count} ${one}s`);

/** An app's shape in words: `one Basic dyno and a mini Key-Value Store`. */
function shapeOf(app: FleetApp, catalog: Catalog): string {
  const w = app.workload;
  const bySize = new Map<string, number>();
  for (const p of w.processes) {
    const label = findDyno(catalog, p.size)?.label ?? p.size;
    bySize.set(label, (bySize.get(label) ?? 0) + p.count);
  }
  const parts = [...bySize].map(([label, count]) => counted(count, `${label} dyno`));
  for (const database of databasesOf(w)) parts.push(`Postgres ${database.plan}`);
  for (const cache of cachesOf(w)) parts.push(`a ${cache.plan} Key-Value Store`);
  if (parts.length === 0) return 'no dynos or data stores';
  return andList(parts);
}

function sentence(d: Driver): string {
  const cheaper = d.heroku <= d.aws ? 'Heroku' : 'AWS';
  const gap = formatUsd(fromCents(Math.abs(d.heroku - d.aws)));
  return `${d.what} ${d.verb ?? 'are'} cheaper on ${cheaper} by ${gap}/mo: ${formatUsd(fromCents(d.heroku))}/mo on Heroku, ${formatUsd(fromCents(d.aws))}/mo as their own AWS resources like-for-like.`;
}

/** How the sentence that foots the drivers begins. */
export const DRIVERS_FOOTING = 'How these add up:';

const usd = (cents: number) => formatUsd(fromCents(cents));

/**
 * How the reasons add up to both totals, from the figures shown: each side's apps' own lines (those the
 * named reasons hold, no line twice, and the rest), Heroku's account-wide fees, AWS's shared
 * infrastructure and what packing saves. So a reader sees what the reasons leave out, and that they never
 * hold more than the apps' lines they explain.
 */
function footing(
  count: number,
  own: { heroku: number; aws: number },
  inNamed: { heroku: number; aws: number },
  current: PlatformCost,
  consolidated: TierCost,
  shared: Money,
  packing: Money,
): string {
  const reasons = count === 1 ? 'the reason above' : `the ${count} reasons above`;
  const split = (total: number, named: number) =>
    count > 0 ? ` (${reasons} ${usd(named)}, the other apps' lines ${usd(total - named)})` : '';
  const accountWide = toCents(current.infrastructure) - own.heroku;
  const packed = toCents(packing);
  return `${DRIVERS_FOOTING} Heroku ${formatUsd(current.infrastructure)}/mo = its apps' own lines ${usd(own.heroku)}${split(own.heroku, inNamed.heroku)} + account-wide fees ${usd(accountWide)}; AWS consolidated ${formatUsd(consolidated.infrastructure)}/mo = the apps' own lines like-for-like ${usd(own.aws)}${split(own.aws, inNamed.aws)} + shared infrastructure ${formatUsd(shared)} ${packed >= 0 ? '−' : '+'} packing ${usd(Math.abs(packed))}.`;
}

/**
 * The largest reasons the fleet costs what it does on each side, each priced from the lines shown:
 * apps of one shape (when several share it), each dyno size, Postgres and Key-Value Store across the
 * account; the three largest gaps first, no two sharing a line, leaving out groups where a side has an
 * item without a price (no winner can be named on a missing price). Then what AWS adds once, and what
 * packing saves. In steps (src/core/steps.ts), one an app.
 */
export function* fleetDriverSteps(
  apps: readonly FleetApp[],
  current: PlatformCost,
  tiers: readonly TierCost[],
  shared: Money,
  catalog: Catalog,
): Steps<string[]> {
  const herokuLines = linesByApp(current.lines);
  const awsLines = linesByApp(tiers[0].lines);
  // Items left out of a side's total (a shield-0 database, a contract add-on): a group holding one has no winner.
  const herokuUnpriced = linesByApp(current.unpriced);
  const awsUnpriced = linesByApp(tiers[0].unpriced);
  const shapes = new Map<string, Driver>();
  const sizes = new Map<string, Driver & { dynos: Map<string, number> }>();
  const data = (what: string): Driver => ({
    what,
    heroku: 0,
    aws: 0,
    verb: 'is',
    unpriced: false,
    lines: { heroku: [], aws: [] },
    describe: (kept) => `${what} (${plural(kept.size, 'app')})`,
    id: 0,
  });
  const postgres = data('Heroku Postgres');
  const cache = data('Heroku Key-Value Store');
  const shapeCount = new Map<string, number>();
  for (const app of apps) {
    yield;
    const h = herokuLines.get(app.name);
    const w = awsLines.get(app.name);
    const left = (test: (item: string) => boolean) =>
      anyWhere(herokuUnpriced.get(app.name), test) || anyWhere(awsUnpriced.get(app.name), test);
    const shape = shapeOf(app, catalog);
    const group: Driver = shapes.get(shape) ?? {
      what: shape,
      heroku: 0,
      aws: 0,
      unpriced: false,
      lines: { heroku: [], aws: [] },
      describe: (kept) => `${plural(kept.size, 'app')} with ${shape}`,
      id: 0,
    };
    shapeCount.set(shape, (shapeCount.get(shape) ?? 0) + 1);
    take(group, 'heroku', h, () => true);
    take(group, 'aws', w, () => true);
    group.unpriced ||= left(() => true);
    shapes.set(shape, group);
    for (const p of app.workload.processes) {
      const label = findDyno(catalog, p.size)?.label ?? p.size;
      const own = `${app.name}: ${p.name}: `;
      const size = sizes.get(label) ?? sizeGroup(label);
      take(size, 'heroku', h, (item) => item.startsWith(own));
      take(size, 'aws', w, (item) => item.startsWith(own));
      size.unpriced ||= left((item) => item.startsWith(own));
      size.dynos.set(app.name, (size.dynos.get(app.name) ?? 0) + p.count);
      sizes.set(label, size);
    }
    if (app.workload.database) {
      const [heroku, aws] = [`${app.name}: Heroku Postgres`, `${app.name}: RDS`];
      take(postgres, 'heroku', h, (item) => item.startsWith(heroku));
      take(postgres, 'aws', w, (item) => item.startsWith(aws));
      postgres.unpriced ||= left((item) => item.startsWith(heroku) || item.startsWith(aws));
    }
    if (app.workload.cache) {
      const [heroku, aws] = [`${app.name}: Heroku Key-Value Store`, `${app.name}: ElastiCache`];
      take(cache, 'heroku', h, (item) => item.startsWith(heroku));
      take(cache, 'aws', w, (item) => item.startsWith(aws));
      cache.unpriced ||= left((item) => item.startsWith(heroku) || item.startsWith(aws));
    }
  }
  const everyApp = (d: Driver) => new Set([...d.lines.heroku, ...d.lines.aws].map(appOf));
  const candidates: Driver[] = [
    // A shape only one app has is that app: its dyno, Postgres and cache groups say more.
    ...[...shapes.values()].filter((g) => (shapeCount.get(g.what) ?? 0) > 1),
    ...sizes.values(),
    ...[postgres, cache].filter((d) => d.lines.heroku.length + d.lines.aws.length > 0),
  ].map((d, id) => ({ ...d, id, what: d.describe(everyApp(d)) }));
  const named = disjoint(candidates, 3);
  const drivers = named.map(sentence);
  // Each app's own lines, as the per-app rows sum them (a shared line's words may hold ": " too).
  const sum = (byApp: Map<string, PricedCostLine[]>) => {
    let cents = 0;
    for (const name of new Set(apps.map((app) => app.name)))
      for (const line of byApp.get(name) ?? []) cents += line.cents;
    return cents;
  };
  const own = { heroku: sum(herokuLines), aws: sum(awsLines) };
  const inNamed = {
    heroku: named.reduce((n, d) => n + d.heroku, 0),
    aws: named.reduce((n, d) => n + d.aws, 0),
  };
  // Name only what is shared: apps of Eco or Basic dynos have no load balancer or NAT gateway, and their
  // addresses are each app's own lines.
  const has = (test: (line: PricedCostLine) => boolean) => tiers[0].lines.some(test);
  const parts = [
    has((l) => l.item.startsWith('Application Load Balancer')) && 'load balancers',
    has((l) => l.item.startsWith('NAT gateway')) && 'NAT gateways',
    has((l) => l.item.startsWith('Public IPv4')) && 'public addresses',
    'root volumes',
    'logs',
    'data transfer',
    has((l) => l.category === 'security') && 'compliance services',
  ].filter(Boolean);
  drivers.push(
    `Shared AWS infrastructure (${parts.join(', ')}) adds ${formatUsd(shared)}/mo once, whatever the app count.`,
  );
  const [like, consolidated] = tiers;
  const packing = fromCents(toCents(like.infrastructure) - toCents(consolidated.infrastructure));
  if (!packing.isZero()) {
    const change = packing.isPositive()
      ? `saves ${formatUsd(packing)}/mo`
      : `costs ${formatUsd(packing.abs())}/mo more`;
    drivers.push(
      `Packing the processes onto shared instances and sharing small caches ${change} on AWS (like-for-like ${formatUsd(like.infrastructure)} → consolidated ${formatUsd(consolidated.infrastructure)}).`,
    );
  }
  drivers.push(footing(named.length, own, inNamed, current, consolidated, shared, packing));
  return drivers;
}
