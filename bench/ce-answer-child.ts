/**
 * The bot's Cost Explorer layer of one build (CE_CHILD_DIST) reading one large answer afresh from
 * CE_CHILD_ENDPOINT, CE_CHILD_ROUNDS times with a new store each time, in a process of its own:
 * sends back the longest the event loop was held each time (ms), and the same reading it back from
 * the store. Run by bench/ce-answer-cpu.ts.
 */

import fs from 'node:fs';
import path from 'node:path';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { createCostExplorerClient } from '../src/sources/aws/cost-explorer-client';
import type { Store } from '../src/store/store';
import { tempSqliteFile } from '../test/support/databases';

/** The longest gap between ticks of a 1 ms timer while `work` runs: the longest the loop was held. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await work();
    longest = Math.max(longest, performance.now() - last);
  } finally {
    clearInterval(timer);
  }
  return longest;
}

interface BuildModules {
  createCostExplorerClient: typeof createCostExplorerClient;
  CostExplorerRequests: new (options: {
    client: CostExplorerClient;
    store: Store;
    now: () => Date;
  }) => { costAndUsagePages(input: object, maxAgeMs?: number): Promise<unknown> };
  openStore: (url: string) => Promise<Store>;
}

/** The client the build's bot uses: from a process of its own where the build has one. */
function botClient(dist: string): BuildModules['createCostExplorerClient'] {
  const inChild = path.join(dist, 'sources/aws/cost-explorer-in-child.js');
  if (!fs.existsSync(inChild))
    return require(path.join(dist, 'sources/aws/cost-explorer-client.js')).createCostExplorerClient;
  const { CostExplorerClientInChild } = require(inChild);
  return (options) => new CostExplorerClientInChild(options);
}

function modulesOf(dist: string): BuildModules {
  return {
    ...require(path.join(dist, 'sources/aws/cost-explorer-requests.js')),
    ...require(path.join(dist, 'store/open-store.js')),
    createCostExplorerClient: botClient(dist),
  };
}

/**
 * The bot's Cost Explorer layer of a build reading the answer afresh, with a new store each round,
 * then read back from that store as a restarted bot would (a new layer over the same store).
 */
async function longestBlocks(
  dist: string,
  endpoint: string,
  input: object,
  rounds: number,
): Promise<{ fresh: number[]; fromStore: number[] }> {
  const build = modulesOf(dist);
  const credentials = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };
  const blocks = { fresh: [] as number[], fromStore: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const store = await build.openStore(tempSqliteFile());
    const client = build.createCostExplorerClient({ endpoint, credentials });
    try {
      const layer = () => new build.CostExplorerRequests({ client, store, now: () => new Date() });
      const requests = layer();
      blocks.fresh.push(await longestBlock(() => requests.costAndUsagePages(input, 0)));
      const restarted = layer();
      blocks.fromStore.push(await longestBlock(() => restarted.costAndUsagePages(input)));
    } finally {
      client.destroy();
      await store.close();
    }
  }
  return blocks;
}

const env = process.env;
longestBlocks(
  env.CE_CHILD_DIST!,
  env.CE_CHILD_ENDPOINT!,
  JSON.parse(env.CE_CHILD_INPUT!),
  Number(env.CE_CHILD_ROUNDS),
).then(
  (blocks) => process.send!(blocks, () => process.exit(0)),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
