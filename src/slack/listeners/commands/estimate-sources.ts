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
  [/^Heroku Platform API, /, 'Heroku Platform API', 'read '],
  [/^bundled list/, 'bundled list', ''],
];

function span(dates: Set<string>): string {
  const sorted = [...dates].sort();
  return sorted.length === 1 ? sorted[0] : `${sorted[0]} to ${sorted.at(-1)}`;
}

export function priceLayersLine(estimate: Estimate): string {
  // The two platforms the message itemises.
  const lines: CostLine[] = [estimate.heroku, estimate.aws].flatMap((cost) => [...cost.lines, ...cost.unpriced]);
  const found = new Map<string, { label: string; dated: string; dates: Set<string> }>();
  for (const line of lines) {
    for (const [prefix, name, dated] of LAYERS) {
      const match = prefix.exec(line.source);
      if (!match) continue;
      const label = name === 'PRICING_FILE' ? `PRICING_FILE (${match[1]})` : name;
      const layer = found.get(label) ?? { label, dated, dates: new Set<string>() };
      layer.dates.add(line.asOf);
      found.set(label, layer);
      break;
    }
  }
  const order = (label: string) => LAYERS.findIndex(([, name]) => label.startsWith(name));
  return [...found.values()]
    .sort((a, b) => order(a.label) - order(b.label))
    .map(({ label, dated, dates }) => `${label}, ${dated}${span(dates)}`)
    .join('; ');
}
