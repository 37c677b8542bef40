import type { Catalog } from '../pricing';

/**
 * Answers that are pure functions of a catalog and a few figures (the cache node for a size, the RDS
 * class for a memory, a Savings Plan rate, a traffic share…), remembered per catalog: estimates and
 * fleets ask the same questions again and again. A catalog's table is emptied when it grows large.
 */
const tables = new WeakMap<Catalog, Map<string, unknown>>();
const MAX_REMEMBERED = 5000;

export function remembered<T>(catalog: Catalog, question: string, answer: () => T): T {
  let table = tables.get(catalog);
  if (!table) {
    table = new Map();
    tables.set(catalog, table);
  }
  if (table.has(question)) return table.get(question) as T;
  if (table.size >= MAX_REMEMBERED) table.clear();
  const value = answer();
  table.set(question, value);
  return value;
}
