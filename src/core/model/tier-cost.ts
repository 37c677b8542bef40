import { fromCents } from '../money';
import type { Catalog } from '../pricing';
import type { Platform } from '../workload';
import { percent } from './describe';
import { footLines } from './platform-cost';
import { kept } from './remembered';
import type { CostLine, TierCost, TierId } from './types';

/** How AWS runs the processes: EC2 instances, or Fargate tasks (`fargate`). */
export type AwsComputeKind = 'ec2' | 'fargate';

/** The optimised AWS tier's description names the catalog's Savings Plan rates: written once per catalog. */
const optimisedAws = new WeakMap<Catalog, string>();

/** The others are fixed sentences. */
function description(id: TierId, platform: Platform, catalog: Catalog, compute: AwsComputeKind): string {
  if (platform === 'aws' && id === 'optimised')
    return kept(optimisedAws, catalog, () => describe(id, platform, catalog, compute));
  return describe(id, platform, catalog, compute);
}

function describe(id: TierId, platform: Platform, catalog: Catalog, compute: AwsComputeKind): string {
  const a = catalog.assumptions;
  // Fargate bills each task, so there is nothing to pack: the tiers must not speak of instances.
  if (platform === 'aws' && compute === 'fargate') {
    if (id === 'like-for-like')
      return 'One Fargate task per dyno (web on at least two in production, but one for an Eco or Basic dyno, which Heroku runs one to a process type), each database and cache on its own RDS instance and ElastiCache node; load balancer, NAT gateways and logs shared per environment where a process runs (an app of Eco or Basic dynos uses no NAT gateway: its tasks sit in a public subnet, each with its own address, and only a web task keeps the load balancer, as a Fargate task cannot keep its address).';
    if (id === 'consolidated')
      return 'ECS on Fargate: one task per dyno, as Fargate bills each task (packing saves nothing), small caches sharing one node; each database on its own instance.';
  }
  if (platform === 'aws') {
    if (id === 'like-for-like')
      return 'One EC2 instance per dyno (web on at least two in production, but one for an Eco or Basic dyno, which Heroku runs one to a process type), each database and cache on its own RDS instance and ElastiCache node; load balancer, NAT gateways and logs shared per environment where a process runs (an app of Eco or Basic dynos uses neither load balancer nor NAT gateway: its instances sit in a public subnet, each with its own address).';
    if (id === 'consolidated')
      return 'ECS on EC2: the processes packed onto shared instances (at least two in production where more than one process runs), small caches sharing one node; each database on its own instance.';
    return `Consolidated, on Graviton (arm64) where that is cheaper, with EC2 at a 1-year Compute Savings Plan rate (${percent(a.computeSavingsPlanDiscount)} below on-demand; Fargate ${percent(a.fargateSavingsPlanDiscount)}) and caches on ElastiCache for Valkey; RDS and ElastiCache nodes stay on-demand.`;
  }
  // The dyno family follows the compliance need (`hipaa`: Shield; `pci`: Private): the words must not
  // promise Standard or Performance dynos where the lines show Shield ones.
  if (id === 'like-for-like')
    return 'One dyno per instance (Standard or Performance; Shield or Private where `hipaa` or `pci` needs them); the Postgres and Key-Value Store plans that hold the data.';
  if (id === 'consolidated')
    return 'The cheapest set of dynos of that family per instance: several smaller dynos, or the large sizes.';
  return 'As consolidated, with Fir-generation dyno sizes allowed where no Shield or Private dyno is needed (they run in a Fir space, whose fee is not public).';
}

/** A tier's lines and their footed total (infrastructure only: ops lines are left out). */
export function tierCost(
  id: TierId,
  platform: Platform,
  lines: readonly CostLine[],
  catalog: Catalog,
  compute: AwsComputeKind = 'ec2',
): TierCost {
  const cost = footLines(lines, false);
  return {
    id,
    platform,
    description: description(id, platform, catalog, compute),
    lines: cost.lines,
    unpriced: cost.unpriced,
    infrastructure: fromCents(cost.infrastructure),
  };
}
