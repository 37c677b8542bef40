/**
 * How production starts Node for the bot (Procfile, Dockerfile, `npm start`; test/deploy keeps
 * them in step, and the benchmark measures memory with them). V8 otherwise lets a small, steady
 * heap (~30 MiB live) grow to 150+ MiB of garbage between collections on a large host. A 128 MiB old
 * space and 2 MiB semi-spaces keep the bot at ~117 MiB resident after 5,000 mixed requests (230 MiB
 * without), so it fits a 512 MB dyno with room (`npm run bench`). 2 MiB rather than 4: 5–9 MiB less
 * at the peak of a 500-app digest and that load (140–145 against 147–153 MiB over four alternated
 * runs each), for young-generation collections twice as often (an idle ack's p99 ~4 → ~7 ms).
 */
export const PRODUCTION_NODE_FLAGS = '--max-old-space-size=128 --max-semi-space-size=2';
