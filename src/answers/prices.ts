/**
 * `/hosting prices` and `hosting-advisor prices`: where prices come from now, when each vendor was
 * last refreshed, what failed and why, how many prices each layer supplies, and PRICING_FILE
 * overrides in force. Plain data plus one plain-text rendering (Slack shows it as mrkdwn too).
 */
import { countByOrigin, isoDay, type PriceOrigin, type PriceVendor, VENDOR_NAMES } from '../core/pricing';
import type { RefreshOutcome } from '../jobs/price-refresh';
import type { Services } from '../services';
import type { PriceRefresh } from '../store/store';

export interface VendorPrices {
  vendor: PriceVendor;
  region: string;
  configured: boolean;
  /** The set answers use: when it was read, how many prices, the newest vendor date in it. */
  inUse?: { readAt: string; prices: number; newestEffective?: string };
  /** The newest refresh, whatever came of it. */
  last?: { at: string; status: PriceRefresh['status']; detail: string };
  /** A set kept aside by the guard, newer than the one in use. */
  held?: { at: string; detail: string };
}

export interface PricesAnswer {
  region: string;
  /** Catalog prices per layer, for `region`. */
  counts: Record<PriceOrigin, number>;
  vendors: VendorPrices[];
  overrides?: { file: string; asOf?: string; keys: string[] };
  /** Set when the priced region has no AWS prices at all. */
  regionProblem?: string;
  schedule: string;
}

async function vendorPrices(services: Services, vendor: PriceVendor, region: string): Promise<VendorPrices> {
  const { store, config } = services;
  const configured = vendor === 'aws' ? config.awsEnabled : Boolean(services.sources.heroku);
  const [used, last, held] = await Promise.all([
    store.latestPriceRefresh(vendor, region, 'used'),
    store.latestPriceRefresh(vendor, region),
    store.latestPriceRefresh(vendor, region, 'held'),
  ]);
  const dates = used?.set?.prices.map((p) => p.effectiveDate).filter((d): d is string => Boolean(d)) ?? [];
  return {
    vendor,
    region,
    configured,
    ...(used?.set
      ? {
          inUse: {
            readAt: used.set.readAt,
            prices: used.set.prices.length,
            ...(dates.length > 0 ? { newestEffective: dates.sort().at(-1) } : {}),
          },
        }
      : {}),
    ...(last ? { last: { at: last.at.toISOString(), status: last.status, detail: last.detail } } : {}),
    ...(held && (!used || held.at > used.at) ? { held: { at: held.at.toISOString(), detail: held.detail } } : {}),
  };
}

export async function pricesAnswer(services: Services): Promise<PricesAnswer> {
  const { book } = services.prices;
  const region = book.region;
  const layered = book.catalogFor(region);
  const overrides = book.overrides;
  return {
    region,
    counts: countByOrigin(layered.ok ? layered.catalog : book.catalog),
    vendors: [await vendorPrices(services, 'aws', region), await vendorPrices(services, 'heroku', 'global')],
    ...(overrides
      ? { overrides: { file: overrides.fileName, asOf: overrides.asOf, keys: [...overrides.prices.keys()].sort() } }
      : {}),
    ...(layered.ok ? {} : { regionProblem: layered.message }),
    schedule: services.config.PRICES_SCHEDULE,
  };
}

const day = (iso: string) => isoDay(iso);

function vendorLines(v: VendorPrices): string[] {
  const name = `${VENDOR_NAMES[v.vendor]}${v.vendor === 'aws' ? ` (${v.region})` : ''}`;
  const lines: string[] = [];
  if (v.inUse) {
    const effective = v.inUse.newestEffective ? `, newest effective date ${v.inUse.newestEffective}` : '';
    lines.push(`${name}: in use, ${v.inUse.prices} prices read ${day(v.inUse.readAt)}${effective}.`);
  } else if (!v.configured) {
    lines.push(
      v.vendor === 'aws'
        ? `${name}: not used (no AWS credentials), so AWS prices come from the bundled list. Allow pricing:GetProducts to use it.`
        : `${name}: not used (no HEROKU_API_TOKEN), so Heroku prices come from the bundled list.`,
    );
  } else {
    lines.push(`${name}: no prices read yet, so the bundled list is used.`);
  }
  if (v.last && v.last.status === 'failed') lines.push(`  Last refresh ${day(v.last.at)} failed: ${v.last.detail}`);
  else if (v.last) lines.push(`  Last refresh ${day(v.last.at)}: ${v.last.status === 'used' ? 'used' : 'kept aside'}.`);
  if (v.held) lines.push(`  Kept aside ${day(v.held.at)}, not used: ${v.held.detail}`);
  return lines;
}

/** The answer as text: the CLI prints it, Slack shows it in a section. */
export function renderPricesText(answer: PricesAnswer): string {
  const { counts } = answer;
  const lines = [
    `Prices for estimates (AWS region ${answer.region}), highest precedence first: PRICING_FILE > live vendor price > bundled list.`,
    `In use now: ${counts['pricing-file']} from PRICING_FILE, ${counts.live} live, ${counts.bundled} from the bundled list (us-east-1 for AWS).`,
  ];
  if (answer.regionProblem) lines.push(`:warning: ${answer.regionProblem}`);
  for (const vendor of answer.vendors) lines.push(...vendorLines(vendor));
  if (answer.overrides) {
    const { file, asOf, keys } = answer.overrides;
    lines.push(
      `PRICING_FILE ${file}${asOf ? ` (as of ${asOf})` : ''} overrides ${keys.length} price${keys.length === 1 ? '' : 's'}${keys.length ? `: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', …' : ''}` : ''}.`,
    );
  } else {
    lines.push('No PRICING_FILE: no contract prices in force.');
  }
  lines.push(
    `Refresh: Heroku daily and AWS weekly at "${answer.schedule}" (PRICES_SCHEDULE, UTC); a lead can run \`/hosting prices refresh\` now.`,
  );
  return lines.join('\n');
}

/** What a refresh did, one line a vendor. */
export function renderRefreshText(outcomes: readonly RefreshOutcome[]): string {
  return outcomes
    .map((o) => {
      const name = `${VENDOR_NAMES[o.vendor]}${o.vendor === 'aws' ? ` (${o.region})` : ''}`;
      switch (o.status) {
        case 'used': {
          const changes = o.review?.changes.length ?? 0;
          return `${name}: refreshed and in use (${changes} price change${changes === 1 ? '' : 's'}).${o.detail ? ` ${o.detail}` : ''}`;
        }
        case 'held':
          return `${name}: read, but kept aside and not used: ${o.detail}`;
        case 'failed':
          return `${name}: refresh failed: ${o.detail}`;
        default:
          return `${name}: ${o.detail}`;
      }
    })
    .join('\n');
}
