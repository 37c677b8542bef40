import type { CostLine, Estimate } from '../../../core/model';

/**
 * Where the figures of an estimate come from, one phrase a price layer, with its dates: the answer
 * has no room for a citation per line (its Details have them, SKUs included), so this says which
 * layers were used and how old their prices are.
 *
 *   PRICING_FILE (prices.yml), 2026-11-01; AWS Price List, effective 2026-11-01;
 *   Heroku Platform API, read 2026-12-05; bundled list, 2024-07-01 to 2026-08-04
 */
const LAYERS: [prefix: RegExp, name: string, dated: string][] = [
  [/^PRICING_FILE \(([^)]*)\)/, 'PRICING_FILE', ''],
  [/^AWS Price List, SKU /, 'AWS Price List', 'effective '],
  // Live dyno and plan prices ("Heroku Platform API, read …") and a live app's add-ons as billed ("…: billed price").
  [/^Heroku Platform API[,:] /, 'Heroku Platform API', 'read '],
  [/^bundled list/, 'bundled list', ''],
];

function span(dates: Set<string>): string {
  const sorted = [...dates].sort();
  return sorted.length === 1 ? sorted[0] : `${sorted[0]} to ${sorted.at(-1)}`;
}

/**
 * The layer a source names, or null: sources are few and shared by many lines (the catalog's own
 * strings), so each is read once. Emptied rather than grown without bound.
 */
const layersOfSources = new Map<string, { label: string; dated: string } | null>();
const MAX_REMEMBERED_SOURCES = 1000;

function layerOf(source: string): { label: string; dated: string } | null {
  let layer = layersOfSources.get(source);
  if (layer !== undefined) return layer;
  layer = null;
  for (const [prefix, name, dated] of LAYERS) {
    const match = prefix.exec(source);
    if (!match) continue;
    layer = { label: name === 'PRICING_FILE' ? `PRICING_FILE (${match[1]})` : name, dated };
    break;
  }
  if (layersOfSources.size >= MAX_REMEMBERED_SOURCES) layersOfSources.clear();
  layersOfSources.set(source, layer);
  return layer;
}

export function priceLayersLine(estimate: Estimate): string {
  // The two platforms the message itemises.
  const lists: readonly (readonly CostLine[])[] = [
    estimate.heroku.lines,
    estimate.heroku.unpriced,
    estimate.aws.lines,
    estimate.aws.unpriced,
  ];
  const found = new Map<string, { label: string; dated: string; dates: Set<string> }>();
  for (const lines of lists) {
    for (const line of lines) {
      const known = layerOf(line.source);
      if (!known) continue;
      const layer = found.get(known.label) ?? { label: known.label, dated: known.dated, dates: new Set<string>() };
      layer.dates.add(line.asOf);
      found.set(known.label, layer);
    }
  }
  const order = (label: string) => LAYERS.findIndex(([, name]) => label.startsWith(name));
  return [...found.values()]
    .sort((a, b) => order(a.label) - order(b.label))
    .map(({ label, dated, dates }) => `${label}, ${dated}${span(dates)}`)
    .join('; ');
}
