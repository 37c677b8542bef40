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

interface Layer {
  label: string;
  dated: string;
  /** Its place in LAYERS: the line names layers in that order. */
  order: number;
}

/**
 * The layer a source names, or null: sources are few and shared by many lines (the catalog's own
 * strings), so each is read once. Emptied rather than grown without bound.
 */
const layersOfSources = new Map<string, Layer | null>();
const MAX_REMEMBERED_SOURCES = 1000;

function layerOf(source: string): Layer | null {
  let layer = layersOfSources.get(source);
  if (layer !== undefined) return layer;
  layer = null;
  for (let order = 0; order < LAYERS.length; order++) {
    const [prefix, name, dated] = LAYERS[order];
    const match = prefix.exec(source);
    if (!match) continue;
    layer = { label: name === 'PRICING_FILE' ? `PRICING_FILE (${match[1]})` : name, dated, order };
    break;
  }
  if (layersOfSources.size >= MAX_REMEMBERED_SOURCES) layersOfSources.clear();
  layersOfSources.set(source, layer);
  return layer;
}

/** A layer the lines use, with the oldest and newest of their dates (ISO dates order as strings). */
interface UsedLayer extends Layer {
  oldest: string;
  newest: string;
}

export function priceLayersLine(estimate: Estimate): string {
  // The two platforms the message itemises.
  const lists: readonly (readonly CostLine[])[] = [
    estimate.heroku.lines,
    estimate.heroku.unpriced,
    estimate.aws.lines,
    estimate.aws.unpriced,
  ];
  const found = new Map<string, UsedLayer>();
  // Neighbouring lines mostly share a source and its date: a line like the one before adds nothing.
  // (Indexed loops and no spread: unoptimised, as nearly every request runs it, `for…of` makes an
  // object a step and a spread copies property by property.)
  let lastSource: string | undefined;
  let lastDate: string | undefined;
  for (let l = 0; l < lists.length; l++) {
    const lines = lists[l];
    for (let i = 0; i < lines.length; i++) {
      const { source, asOf } = lines[i];
      if (source === lastSource && asOf === lastDate) continue;
      lastSource = source;
      lastDate = asOf;
      const known = layerOf(source);
      if (!known) continue;
      const layer = found.get(known.label);
      if (!layer)
        found.set(known.label, {
          label: known.label,
          dated: known.dated,
          order: known.order,
          oldest: asOf,
          newest: asOf,
        });
      else if (asOf < layer.oldest) layer.oldest = asOf;
      else if (asOf > layer.newest) layer.newest = asOf;
    }
  }
  const used = [...found.values()];
  // Array sort is stable: two PRICING_FILE layers keep the order they were found in.
  if (used.length > 1) used.sort((a, b) => a.order - b.order);
  return used
    .map(
      ({ label, dated, oldest, newest }) =>
        `${label}, ${dated}${oldest === newest ? oldest : `${oldest} to ${newest}`}`,
    )
    .join('; ');
}
