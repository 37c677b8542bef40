/** DATABASE_URL when unset: a SQLite file. Its own module so config.ts need not load the drivers. */
export const DEFAULT_DATABASE = './data/hosting-advisor.db';
