/**
 * Estimates with live prices against the bundled list, alternately in the same run: the whole
 * answer path (`estimateFromWords`: grammar, the price book's catalog for the region, the model),
 * once with a book holding only the bundled list and once with a book holding a stored AWS Price
 * List set (us-east-1 and eu-west-1) and a Heroku set. Also what a price-book lookup costs, cached
 * and right after a refresh (when the layers are built again).
 */
import { estimateFromWords } from '../src/answers/estimate';
import { HEROKU_PRICE_REGION, type PriceSet } from '../src/core/pricing';
import { PriceBook } from '../src/price-book';
import { expectedAwsSet, US_EAST_1_PRICES } from '../test/support/price-list-items';

type Print = (name: string, value: string) => void;

const WORDS = 'web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0 staging review=2';
const READ_AT = new Date('2026-12-05T04:00:00Z');

function liveSets(): PriceSet[] {
  const heroku: PriceSet = {
    vendor: 'heroku',
    region: HEROKU_PRICE_REGION,
    readAt: READ_AT.toISOString(),
    prices: [
      { key: 'heroku.dyno.standard-2x', usd: '50', unit: 'month' },
      { key: 'heroku.dyno.performance-m', usd: '250', unit: 'month' },
      { key: 'heroku.postgres.standard-0', usd: '50', unit: 'month' },
      { key: 'heroku.kvs.premium-0', usd: '15', unit: 'month' },
    ],
  };
  return [
    expectedAwsSet('us-east-1', US_EAST_1_PRICES, READ_AT),
    expectedAwsSet('eu-west-1', US_EAST_1_PRICES, READ_AT),
    heroku,
  ];
}

/** Answers a second for `ms` of wall time. */
function rate(book: PriceBook, words: string, ms: number): number {
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < ms) {
    if (estimateFromWords(words, book).kind !== 'estimate') throw new Error(`bench words refused: ${words}`);
    count++;
  }
  return count / ((performance.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function priceBookFigures(print: Print): Promise<void> {
  const sets = liveSets();
  const bundled = new PriceBook({ region: 'us-east-1' });
  const live = new PriceBook({ region: 'us-east-1', store: { usedPriceSets: async () => sets } });
  await live.reload();
  const euWords = `${WORDS} region=eu-west-1`;
  for (let i = 0; i < 100; i++) {
    estimateFromWords(WORDS, bundled);
    estimateFromWords(WORDS, live);
    estimateFromWords(euWords, live);
  }
  const rounds = { bundled: [] as number[], live: [] as number[], eu: [] as number[] };
  for (let round = 0; round < 15; round++) {
    rounds.bundled.push(rate(bundled, WORDS, 200));
    rounds.live.push(rate(live, WORDS, 200));
    rounds.eu.push(rate(live, euWords, 200));
  }
  const [b, l, e] = [median(rounds.bundled), median(rounds.live), median(rounds.eu)];
  print('estimate_answers_per_second (bundled list only; baseline, same run)', b.toFixed(0));
  print(
    `estimate_answers_per_second (price book with live prices: ${sets.map((s) => s.prices.length).join('+')})`,
    l.toFixed(0),
  );
  print('estimate_answers_per_second (live prices, region=eu-west-1)', e.toFixed(0));
  print('estimate_live_to_bundled_ratio', (l / b).toFixed(2));

  const lookups = 1_000_000;
  let started = performance.now();
  for (let i = 0; i < lookups; i++) live.catalogFor(i % 2 ? 'us-east-1' : 'eu-west-1');
  print('price_book_lookup_ns (catalogFor, cached)', (((performance.now() - started) * 1e6) / lookups).toFixed(0));
  const layerings: number[] = [];
  for (let i = 0; i < 50; i++) {
    await live.reload();
    started = performance.now();
    live.catalogFor('us-east-1');
    layerings.push(performance.now() - started);
  }
  print(
    'price_book_layering_ms_p50 (first lookup after a refresh: bundled + live layered)',
    median(layerings).toFixed(2),
  );
}
