/**
 * Today's Heroku apps at Heroku's billed prices for a period's days: what stands in for the period
 * while no daily snapshot covers it (a new install). `/hosting spend` and `/hosting budget list` both
 * read it here, so the two answers show the same figure for the same days, labelled the same way.
 */
import { itemsNotCounted } from '../core/not-counted';
import { type SpaceRunIn, spaceFeesClause, spacesRunIn } from '../core/space-fees';
import type { DayRange } from '../core/spend/request';
import { centsForDays, chargedDays } from '../core/spend/rows';
import type { HerokuSource } from '../sources/heroku';

/**
 * What the figures leave out, in one note: the contract-priced or unpriced items (never $0) and the
 * Space fees, counted together as the digest counts them, the Spaces named in the clause.
 */
export function notCountedNote(items: number, spaces: readonly SpaceRunIn[]): string[] {
  const count = items + spaces.length;
  if (count === 0) return [];
  const among = spaces.length > 0 ? `, among them ${spaceFeesClause(spaces)}` : '';
  return [`${itemsNotCounted(count)}${among}`];
}

/** What a run-rate figure is, in words: said beside it wherever it is shown. */
export const runRateMeasure = (days: number) =>
  `Run-rate: today's apps at Heroku's billed prices for ${days} day${days === 1 ? '' : 's'} (a day is 1/30 of a monthly price); the bot's daily snapshots do not cover this period yet`;

export async function herokuPeriodRunRate(heroku: HerokuSource, period: DayRange) {
  const inventory = await heroku.inventory();
  const rate = heroku.runRate(inventory.value);
  const days = chargedDays(period);
  // Each app rounded once, as spend's lines are; a total is the sum of the apps it counts.
  const apps = rate.apps.map((app) => ({
    app: app.app,
    team: app.team,
    cents: centsForDays(app.monthlyCents, days),
    monthlyCents: app.monthlyCents,
  }));
  return { inventory, rate, days, apps, measure: runRateMeasure(days) };
}

/**
 * What a run-rate leaves out for the apps `inScope` keeps, in the words spend uses: its contract-priced
 * and unpriced items and the fees of the Spaces those apps run in.
 */
export function runRateNotCounted(
  runRate: Awaited<ReturnType<typeof herokuPeriodRunRate>>,
  inScope: (app: string, team: string | null) => boolean,
): string[] {
  const apps = runRate.inventory.value.apps.filter((app) => inScope(app.name, app.team?.name ?? null));
  const names = new Set(apps.map((app) => app.name));
  const items = [...runRate.rate.contractPriced, ...runRate.rate.unpriced].filter((item) => names.has(item.app));
  return notCountedNote(items.length, spacesRunIn(apps));
}
