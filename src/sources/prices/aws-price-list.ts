import { GetProductsCommand, type GetProductsCommandOutput, type PricingClient } from '@aws-sdk/client-pricing';
import type { LivePrice, PriceSet } from '../../core/pricing';
import { SourceError } from '../source-error';
import { PRICE_FAMILIES, type PriceFamily } from './aws-price-families';
import { MalformedPriceItem, pricesOfItem } from './aws-price-items';
import { pricingError } from './pricing-errors';

export interface AwsPriceListOptions {
  client: PricingClient;
  /** The priced region (AWS_PRICING_REGION), not the endpoint's. */
  region: string;
  now: () => Date;
  sleep?: (ms: number) => Promise<void>;
  /** Tries per page when an answer is unreadable, or per family when it comes back empty. Default 3. */
  attempts?: number;
  /** Stops a read under way (the bot is stopping). */
  signal?: AbortSignal;
}

export interface AwsPriceRead {
  set: PriceSet;
  /** GetProducts requests sent (SDK retries not included). */
  requests: number;
}

/** Pause before each request after the first: the Price List allows about 5 a second. */
const PAUSE_MS = 250;
/** A family needing more pages than this is a paging loop, not prices. */
const MAX_PAGES = 100;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

class EmptyFamily extends Error {}

/**
 * Reads every family's on-demand prices for one region with GetProducts, page by page on
 * NextToken. Throttling is retried by the SDK; an unreadable page is asked again; a family with
 * no prices at all is asked again from the start. Whatever still fails fails the whole read:
 * a set missing a family is never handed back as if it were complete.
 */
export async function readAwsPriceSet(options: AwsPriceListOptions): Promise<AwsPriceRead> {
  const { client, region, now } = options;
  const sleep = options.sleep ?? defaultSleep;
  const attempts = Math.max(1, options.attempts ?? 3);
  let requests = 0;

  const page = async (family: PriceFamily, nextToken: string | undefined) => {
    for (let attempt = 1; ; attempt++) {
      if (requests > 0) await sleep(PAUSE_MS);
      requests += 1;
      let answer: GetProductsCommandOutput;
      try {
        answer = await client.send(
          new GetProductsCommand({
            ServiceCode: family.serviceCode,
            Filters: family.filters(region),
            FormatVersion: 'aws_v1',
            MaxResults: 100,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
          options.signal ? { abortSignal: options.signal } : {},
        );
      } catch (error) {
        throw pricingError(error, family, region);
      }
      try {
        const prices = (answer.PriceList ?? []).flatMap((item: unknown) => pricesOfItem(item, family));
        return { prices, items: answer.PriceList?.length ?? 0, nextToken: answer.NextToken || undefined };
      } catch (error) {
        if (!(error instanceof MalformedPriceItem)) throw error;
        if (attempt >= attempts) {
          throw new SourceError(
            'aws',
            'bad-response',
            `The AWS Price List sent an unreadable answer for ${family.label} in ${region} ${attempts} times (${error.message}); the prices in use were kept.`,
          );
        }
      }
    }
  };

  const readFamily = async (family: PriceFamily): Promise<LivePrice[]> => {
    const prices: LivePrice[] = [];
    let token: string | undefined;
    const seen = new Set<string>();
    for (let pages = 0; ; pages++) {
      if (pages >= MAX_PAGES || (token && seen.has(token))) {
        throw new SourceError(
          'aws',
          'bad-response',
          `The AWS Price List kept paging ${family.label} in ${region} (${pages} pages); stopped, and the prices in use were kept.`,
        );
      }
      if (token) seen.add(token);
      const result = await page(family, token);
      prices.push(...result.prices);
      token = result.nextToken;
      if (!token) break;
    }
    if (prices.length === 0) throw new EmptyFamily(family.id);
    return prices;
  };

  const byKey = new Map<string, LivePrice>();
  for (const family of PRICE_FAMILIES) {
    for (let attempt = 1; ; attempt++) {
      try {
        // The first price for a key wins: a family lists each instance type once under these filters.
        for (const price of await readFamily(family)) if (!byKey.has(price.key)) byKey.set(price.key, price);
        break;
      } catch (error) {
        if (!(error instanceof EmptyFamily)) throw error;
        if (attempt >= attempts) {
          throw new SourceError(
            'aws',
            'bad-response',
            `The AWS Price List had no prices for ${family.label} in ${region} (asked ${attempts} times): is ${region} a region AWS sells this in? The prices in use were kept.`,
          );
        }
      }
    }
  }
  const set: PriceSet = { vendor: 'aws', region, readAt: now().toISOString(), prices: [...byKey.values()] };
  return { set, requests };
}
