/** DATABASE_URL when unset: a SQLite file. Its own module so config.ts need not load the drivers. */
export const DEFAULT_DATABASE = './data/hosting-advisor.db';

/** A DATABASE_URL that names PostgreSQL; anything else is a SQLite file path. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
