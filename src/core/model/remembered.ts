/**
 * Answers that are pure functions of an immutable object and a few figures (of a catalog: the cache
 * node for a size, the RDS class for a memory, a Savings Plan rate, a traffic share…; of an hourly rate:
 * the monthly ops figure for some hours), remembered per object: estimates and fleets ask the same
 * questions again and again. An object's table is emptied when it grows large.
 */
const tables = new WeakMap<object, Map<string, unknown>>();
const MAX_REMEMBERED = 5000;

export function remembered<T>(owner: object, question: string, answer: () => T): T {
  let table = tables.get(owner);
  if (!table) {
    table = new Map();
    tables.set(owner, table);
  }
  if (table.has(question)) return table.get(question) as T;
  if (table.size >= MAX_REMEMBERED) table.clear();
  const value = answer();
  table.set(question, value);
  return value;
}

interface Table<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/**
 * The value under `key`, made and kept on first use. For tables keyed by objects and numbers, where
 * a text key would cost more to build and hash than the work it saves.
 */
export function kept<K, V>(table: Table<K, V>, key: K, make: () => V): V {
  let value = table.get(key);
  if (value === undefined) {
    value = make();
    table.set(key, value);
  }
  return value;
}
