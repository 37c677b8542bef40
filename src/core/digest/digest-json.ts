/**
 * A digest as JSON text and back, exactly: the bot gathers it in a process of its own
 * (src/digest-process.ts) and posts it from its own. Money stays Decimal (`{"$usd":"12.345"}`, every
 * digit kept) and dates stay Dates (`{"$date":"…"}`); everything else in a digest is plain data.
 */
import { Decimal, usd } from '../money';
import type { Digest } from './types';

type Tagged = { $usd: string } | { $date: string };

function tag(this: Record<string, unknown>, key: string, value: unknown): unknown {
  // `value` has been through toJSON already; the holder still has the original.
  const original = this[key];
  if (original instanceof Decimal) return { $usd: original.toString() } satisfies Tagged;
  if (original instanceof Date) return { $date: original.toISOString() } satisfies Tagged;
  return value;
}

function untag(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1) return value;
  const tagged = value as Partial<Record<'$usd' | '$date', unknown>>;
  if (typeof tagged.$usd === 'string') return usd(tagged.$usd);
  if (typeof tagged.$date === 'string') return new Date(tagged.$date);
  return value;
}

export function digestToJson(digest: Digest): string {
  return JSON.stringify(digest, tag);
}

export function digestFromJson(text: string): Digest {
  return JSON.parse(text, untag) as Digest;
}
