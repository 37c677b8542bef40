/**
 * The words of `/hosting prices` and `hosting-advisor prices`: a lead line, the number of prices
 * each layer supplies, one part a source, and how refreshing works. The CLI prints them as text,
 * Slack as sections: both read the same parts.
 */
import { priceDatesSpan } from '../core/price-dates';
import { closestMatch, isoDay, type RefreshOutcome, VENDOR_NAMES } from '../core/pricing';
import { neutraliseMarkup } from '../core/user-text';
import { PRICE_FAMILIES } from '../sources/prices/aws-price-families';
import type { PricesAnswer, VendorPrices } from './prices';

/**
 * Why the words after `prices` cannot be read, naming them (undefined when they can): only `refresh`
 * is taken. `command` is how it was typed: `/hosting prices`, `npx hosting-advisor prices`.
 */
export function pricesWordsProblem(words: readonly string[], command: string): string | undefined {
  const refresh = words[0]?.toLowerCase() === 'refresh';
  const stray = words.slice(refresh ? 1 : 0);
  if (stray.length === 0) return undefined;
  const typed = neutraliseMarkup(stray.join(' ').replace(/`/g, "'").slice(0, 40));
  const meant = !refresh && closestMatch(stray[0]!.toLowerCase(), ['refresh']) ? ' Did you mean `refresh`?' : '';
  return `I don't know \`${typed}\` here.${meant} \`${command}\` shows where prices come from, and \`${command} refresh\` reads them now.`;
}

interface PricesPart {
  /** `AWS Price List (us-east-1)`, `Contract prices (PRICING_FILE)`. */
  title: string;
  lines: string[];
  /** Something a lead should act on. */
  warning?: boolean;
}

export interface PricesWords {
  lead: string;
  /** How many catalog prices each layer supplies now, in words. */
  counts: string;
  parts: PricesPart[];
  footer: string;
}

/** Details come from the guard and the sources with or without a closing full stop. */
const sentence = (text: string) => (/[.!?)]$/.test(text) ? text : `${text}.`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const sourceName = (v: Pick<VendorPrices, 'vendor' | 'region'>) =>
  `${VENDOR_NAMES[v.vendor]}${v.vendor === 'aws' ? ` (${v.region})` : ''}`;

function sourcePart(v: VendorPrices): PricesPart {
  const lines: string[] = [];
  if (v.inUse) {
    const effective = v.inUse.newestEffective ? `, newest effective date ${v.inUse.newestEffective}` : '';
    lines.push(`In use: ${plural(v.inUse.prices, 'price')} read ${isoDay(v.inUse.readAt)}${effective}.`);
  } else if (!v.configured) {
    lines.push(
      'Not used: no AWS credentials, so AWS prices come from the bundled list (us-east-1). Credentials allowed pricing:GetProducts turn it on.',
    );
  } else {
    lines.push(`No prices read yet: the bundled list is used${v.vendor === 'aws' ? ' (us-east-1)' : ''}.`);
  }
  if (v.limits) lines.push(v.limits);
  if (v.vendor === 'aws') lines.push(`Reads: ${PRICE_FAMILIES.map((f) => f.label).join('; ')}.`);
  // A used refresh is the set in use, said above; a failed or held one is news.
  if (v.last?.status === 'failed') lines.push(`Last refresh ${isoDay(v.last.at)} failed: ${sentence(v.last.detail)}`);
  if (v.held) lines.push(`Kept aside ${isoDay(v.held.at)}, not used: ${sentence(v.held.detail)}`);
  return { title: sourceName(v), lines, warning: v.last?.status === 'failed' || Boolean(v.held) };
}

function contractPart(answer: PricesAnswer): PricesPart {
  const title = 'Contract prices (PRICING_FILE)';
  if (!answer.overrides) return { title, lines: ['None: no PRICING_FILE is set, so no contract prices are in force.'] };
  const { file, asOf, keys } = answer.overrides;
  const listed = keys.length ? `: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', …' : ''}` : '';
  return { title, lines: [`${file}${asOf ? ` (as of ${asOf})` : ''} sets ${plural(keys.length, 'price')}${listed}.`] };
}

export function pricesWords(answer: PricesAnswer): PricesWords {
  const { counts } = answer;
  const others = answer.otherRegions.length ? ` (${answer.otherRegions.join(', ')} with \`region=\`)` : '';
  const allBundled =
    counts.live === 0 && counts['pricing-file'] === 0 ? ' Every price now comes from the bundled list.' : '';
  // The bundled list has no one date: its prices come from sources of several (core/price-dates.ts).
  const bundledAge = answer.bundledDates
    ? ` The bundled list's prices come from sources dated ${priceDatesSpan(answer.bundledDates)} (each estimate line names its source).`
    : '';
  const parts: PricesPart[] = [];
  if (answer.regionProblem)
    parts.push({ title: 'No AWS prices for this region', lines: [answer.regionProblem], warning: true });
  parts.push(...answer.vendors.map(sourcePart), contractPart(answer));
  return {
    lead: `Estimates price AWS in ${answer.region}${others}. Each price comes from the first layer that has it: PRICING_FILE (your contract) > live vendor prices > bundled list.${allBundled}`,
    counts: `${counts['pricing-file']} from PRICING_FILE, ${counts.live} live, ${counts.bundled} from the bundled list.${bundledAge}`,
    parts,
    footer: `Refreshed in the background: Heroku daily, AWS weekly, at \`${answer.schedule}\` UTC (PRICES_SCHEDULE). Hosting leads can refresh now with \`/hosting prices refresh\`.`,
  };
}

/** The answer as plain text, for the CLI and Slack's notification fallback. */
export function renderPricesText(answer: PricesAnswer): string {
  const words = pricesWords(answer);
  return [
    words.lead,
    `Prices in use now: ${words.counts}`,
    ...words.parts.flatMap((part) => [`${part.title}:`, ...part.lines.map((line) => `  ${line}`)]),
    words.footer,
  ].join('\n');
}

/** What a refresh did, one line a source. */
export function refreshLines(outcomes: readonly RefreshOutcome[]): string[] {
  return outcomes.map((o) => {
    const name = sourceName(o);
    switch (o.status) {
      case 'used': {
        const changes = o.review?.changes.length ?? 0;
        const what = o.first
          ? `first read, ${plural(o.review?.added.length ?? 0, 'price')}`
          : plural(changes, 'price change');
        return `${name}: refreshed and in use (${what}).${o.detail ? ` ${o.detail}` : ''}`;
      }
      case 'held':
        return `${name}: read, but kept aside and not used: ${sentence(o.detail)}`;
      case 'failed':
        return `${name}: refresh failed: ${sentence(o.detail)}`;
      default:
        return `${name}: ${o.detail}`;
    }
  });
}

export const renderRefreshText = (outcomes: readonly RefreshOutcome[]) => refreshLines(outcomes).join('\n');
