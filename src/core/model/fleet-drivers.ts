import { formatUsd, fromCents, type Money, toCents } from '../money';
import { type Catalog, findDyno } from '../pricing';
import type { Steps } from '../steps';
import { plural } from './describe';
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
}

/** Shown cents of each app's lines, by the app name that starts the item (`acme-api: web: …`). */
function centsByApp(lines: readonly PricedCostLine[]): Map<string, PricedCostLine[]> {
  const byApp = new Map<string, PricedCostLine[]>();
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

const sumWhere = (lines: readonly PricedCostLine[] | undefined, test: (item: string) => boolean): number => {
  let cents = 0;
  for (const line of lines ?? []) if (test(line.item)) cents += line.cents;
  return cents;
};

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
  if (w.database) parts.push(`Postgres ${w.database.plan}`);
  if (w.cache) parts.push(`a ${w.cache.plan} Key-Value Store`);
  if (parts.length === 0) return 'no dynos or data stores';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function sentence(d: Driver): string {
  const cheaper = d.heroku <= d.aws ? 'Heroku' : 'AWS';
  const gap = formatUsd(fromCents(Math.abs(d.heroku - d.aws)));
  return `${d.what} ${d.verb ?? 'are'} cheaper on ${cheaper} by ${gap}/mo: ${formatUsd(fromCents(d.heroku))}/mo on Heroku, ${formatUsd(fromCents(d.aws))}/mo as their own AWS resources like-for-like.`;
}

/**
 * The largest reasons the fleet costs what it does on each side, each priced from the lines shown:
 * apps of one shape (when several share it), each dyno size, Postgres and Key-Value Store across the
 * account; the three largest gaps first. Then what AWS adds once, and what packing saves. In steps
 * (src/core/steps.ts), one an app.
 */
export function* fleetDriverSteps(
  apps: readonly FleetApp[],
  current: PlatformCost,
  tiers: readonly TierCost[],
  shared: Money,
  catalog: Catalog,
): Steps<string[]> {
  const herokuLines = centsByApp(current.lines);
  const awsLines = centsByApp(tiers[0].lines);
  const shapes = new Map<string, Driver & { count: number }>();
  const sizes = new Map<string, Driver & { dynos: number; apps: Set<string> }>();
  const data = {
    postgres: { what: 'Heroku Postgres', heroku: 0, aws: 0, count: 0 },
    cache: { what: 'Heroku Key-Value Store', heroku: 0, aws: 0, count: 0 },
  };
  for (const app of apps) {
    yield;
    const h = herokuLines.get(app.name);
    const w = awsLines.get(app.name);
    const shape = shapeOf(app, catalog);
    const group = shapes.get(shape) ?? { what: shape, heroku: 0, aws: 0, count: 0 };
    group.count += 1;
    group.heroku += sumWhere(h, () => true);
    group.aws += sumWhere(w, () => true);
    shapes.set(shape, group);
    for (const p of app.workload.processes) {
      const label = findDyno(catalog, p.size)?.label ?? p.size;
      const own = `${app.name}: ${p.name}: `;
      const size = sizes.get(label) ?? { what: label, heroku: 0, aws: 0, dynos: 0, apps: new Set<string>() };
      size.heroku += sumWhere(h, (item) => item.startsWith(own));
      size.aws += sumWhere(w, (item) => item.startsWith(own));
      size.dynos += p.count;
      size.apps.add(app.name);
      sizes.set(label, size);
    }
    if (app.workload.database) {
      data.postgres.count += 1;
      data.postgres.heroku += sumWhere(h, (item) => item.startsWith(`${app.name}: Heroku Postgres`));
      data.postgres.aws += sumWhere(w, (item) => item.startsWith(`${app.name}: RDS`));
    }
    if (app.workload.cache) {
      data.cache.count += 1;
      data.cache.heroku += sumWhere(h, (item) => item.startsWith(`${app.name}: Heroku Key-Value Store`));
      data.cache.aws += sumWhere(w, (item) => item.startsWith(`${app.name}: ElastiCache`));
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
    .filter((d) => d.heroku !== d.aws)
    .sort((x, y) => Math.abs(y.heroku - y.aws) - Math.abs(x.heroku - x.aws) || x.what.localeCompare(y.what));
  const drivers = ranked.slice(0, 3).map(sentence);
  const compliance = tiers[0].lines.some((l) => l.category === 'security') ? ', compliance services' : '';
  drivers.push(
    `Shared AWS infrastructure (load balancers, NAT gateways, public addresses, root volumes, logs, data transfer${compliance}) adds ${formatUsd(shared)}/mo once, whatever the app count.`,
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
