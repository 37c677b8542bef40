import { rememberedFormat, upToThreePlaces } from '../remembered-format';

/** Memory for people: `512 MB`, `2.5 GB`, `14 GB`. */
export function formatMemory(gb: number): string {
  if (gb >= 1) return `${Number(gb.toFixed(2))} GB`;
  const binary = gb * 1024;
  return `${Number.isInteger(binary) ? binary : Math.round(gb * 1000)} MB`;
}

const counts = rememberedFormat(upToThreePlaces);

/** `1,000,000`; one shared formatter, as `toLocaleString` builds a new one on every call. */
export const formatCount = (value: number): string =>
  Number.isInteger(value) && value >= 0 && value < 1000 ? String(value) : counts(value);

/** `Like-for-like`: a tier's id as it begins a sentence or a list item. */
export const tierTitle = (id: string): string => `${id.charAt(0).toUpperCase()}${id.slice(1)}`;

/** `a`, `a and b`, `a, b and c`. */
export function andList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** Heroku routes HTTP only to the `web` process type; on AWS it sits behind the load balancer. */
export const isWebProcess = (name: string): boolean => name === 'web';

/** `28%`, `12.5%`: a fraction for people, without floating-point noise. */
export const percent = (fraction: number): string => `${formatCount(Math.round(fraction * 100_000) / 1000)}%`;
