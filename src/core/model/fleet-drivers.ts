import { formatUsd, fromCents, type Money, toCents } from '../money';
import { plural } from './describe';
import type { FleetApp, FleetAppCost } from './fleet';
import type { TierCost } from './types';

/** An app's shape in words: `one Basic dyno and a mini Key-Value Store`. */
function shapeOf(app: FleetApp): string {
  const w = app.workload;
  const dynos = w.processes.map((p) => `${p.count} ${p.size} ${p.count === 1 ? 'dyno' : 'dynos'}`);
  const data = [w.database && `Postgres ${w.database.plan}`, w.cache && `Key-Value Store ${w.cache.plan}`];
  const parts = [...dynos, ...data].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : 'no dynos or data stores';
}

/**
 * The largest reasons the fleet costs what it does on each side: apps grouped by shape, each group's
 * Heroku cost against its own AWS like-for-like resources, largest gaps first; then what AWS adds once.
 */
export function fleetDrivers(
  perApp: readonly FleetAppCost[],
  apps: readonly FleetApp[],
  shared: Money,
  tiers: readonly TierCost[],
): string[] {
  const groups = new Map<string, { count: number; heroku: number; aws: number }>();
  apps.forEach((app, i) => {
    const shape = shapeOf(app);
    const group = groups.get(shape) ?? { count: 0, heroku: 0, aws: 0 };
    group.count += 1;
    group.heroku += toCents(perApp[i].current);
    group.aws += toCents(perApp[i].likeForLike);
    groups.set(shape, group);
  });
  const ranked = [...groups.entries()].sort(([, a], [, b]) => Math.abs(b.heroku - b.aws) - Math.abs(a.heroku - a.aws));
  const drivers = ranked.slice(0, 3).map(([shape, g]) => {
    const cheaper = g.heroku <= g.aws ? 'Heroku' : 'AWS';
    const gap = formatUsd(fromCents(Math.abs(g.heroku - g.aws)));
    return `${plural(g.count, 'app')} with ${shape}: ${formatUsd(fromCents(g.heroku))}/mo on Heroku, ${formatUsd(fromCents(g.aws))}/mo for their own AWS resources like-for-like; cheaper on ${cheaper} by ${gap}/mo.`;
  });
  drivers.push(
    `Shared AWS infrastructure (load balancers, NAT gateways, public addresses, logs, data transfer) adds ${formatUsd(shared)}/mo once, whatever the app count.`,
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
