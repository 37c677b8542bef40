/**
 * How production starts Node for the bot (Procfile, Dockerfile, `npm start`; test/deploy keeps
 * them in step, and the benchmark measures memory with them). V8 otherwise lets a small, steady
 * heap (~30 MiB live) grow to 150+ MiB of garbage between collections on a large host. A 128 MiB old
 * space and 4 MiB semi-spaces keep the bot at ~125 MiB resident after 5,000 mixed requests (230 MiB
 * without), so it fits a 512 MB dyno with room (`npm run bench`).
 */
export const PRODUCTION_NODE_FLAGS = '--max-old-space-size=128 --max-semi-space-size=4';
