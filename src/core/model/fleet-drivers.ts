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
  /** The lines priced into `heroku` and `aws`: two drivers named together never share one. */
  lines: PricedCostLine[];
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
      driver.lines.push(line);
    }
}

/**
 * The largest gaps first, at most `count`, none sharing a line with one named before it: an app-shape
 * group holds its apps' dyno, Postgres and Key-Value Store lines, so a group of those that overlaps it is
 * left out rather than counted twice (docs/decisions.md, "Migrate's drivers never count a line twice").
 */
function disjoint(ranked: readonly Driver[], count: number): Driver[] {
  const claimed = new Set<PricedCostLine>();
  const chosen: Driver[] = [];
  for (const d of ranked) {
    if (chosen.length === count) break;
    if (d.lines.some((line) => claimed.has(line))) continue;
    for (const line of d.lines) claimed.add(line);
    chosen.push(d);
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
  const shapes = new Map<string, Driver & { count: number }>();
  const sizes = new Map<string, Driver & { dynos: number; apps: Set<string> }>();
  const data = {
    postgres: { what: 'Heroku Postgres', heroku: 0, aws: 0, count: 0, unpriced: false, lines: [] as PricedCostLine[] },
    cache: {
      what: 'Heroku Key-Value Store',
      heroku: 0,
      aws: 0,
      count: 0,
      unpriced: false,
      lines: [] as PricedCostLine[],
    },
  };
  for (const app of apps) {
    yield;
    const h = herokuLines.get(app.name);
    const w = awsLines.get(app.name);
    const left = (test: (item: string) => boolean) =>
      anyWhere(herokuUnpriced.get(app.name), test) || anyWhere(awsUnpriced.get(app.name), test);
    const shape = shapeOf(app, catalog);
    const group = shapes.get(shape) ?? { what: shape, heroku: 0, aws: 0, count: 0, unpriced: false, lines: [] };
    group.count += 1;
    take(group, 'heroku', h, () => true);
    take(group, 'aws', w, () => true);
    group.unpriced ||= left(() => true);
    shapes.set(shape, group);
    for (const p of app.workload.processes) {
      const label = findDyno(catalog, p.size)?.label ?? p.size;
      const own = `${app.name}: ${p.name}: `;
      const size = sizes.get(label) ?? { what: label, heroku: 0, aws: 0, dynos: 0, apps: new Set<string>(), lines: [] };
      take(size, 'heroku', h, (item) => item.startsWith(own));
      take(size, 'aws', w, (item) => item.startsWith(own));
      size.unpriced ||= left((item) => item.startsWith(own));
      size.dynos += p.count;
      size.apps.add(app.name);
      sizes.set(label, size);
    }
    if (app.workload.database) {
      const [heroku, aws] = [`${app.name}: Heroku Postgres`, `${app.name}: RDS`];
      data.postgres.count += 1;
      take(data.postgres, 'heroku', h, (item) => item.startsWith(heroku));
      take(data.postgres, 'aws', w, (item) => item.startsWith(aws));
      data.postgres.unpriced ||= left((item) => item.startsWith(heroku) || item.startsWith(aws));
    }
    if (app.workload.cache) {
      const [heroku, aws] = [`${app.name}: Heroku Key-Value Store`, `${app.name}: ElastiCache`];
      data.cache.count += 1;
      take(data.cache, 'heroku', h, (item) => item.startsWith(heroku));
      take(data.cache, 'aws', w, (item) => item.startsWith(aws));
      data.cache.unpriced ||= left((item) => item.startsWith(heroku) || item.startsWith(aws));
    }
  }
  const candidates: Driver[] = [
    ...[...shapes.values()]
      .filter((g) => g.count > 1)
      .map((g) => ({ ...g, what: `${plural(g.count, 'app')} with ${g.what}` })),
    ...[...sizes.values()].map((s) => ({
      ...s,
      what: `${s.what} dynos (${plural(s.dynos, 'dyno')} in ${plural(s.apps.size, 'app')})`,
    })),
    ...[data.postgres, data.cache]
      .filter((d) => d.count > 0)
      .map((d) => ({ ...d, verb: 'is' as const, what: `${d.what} (${plural(d.count, 'app')})` })),
  ];
  const ranked = candidates
    .filter((d) => d.heroku !== d.aws && !d.unpriced)
    .sort((x, y) => Math.abs(y.heroku - y.aws) - Math.abs(x.heroku - x.aws) || x.what.localeCompare(y.what));
  const drivers = disjoint(ranked, 3).map(sentence);
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
  return drivers;
}
