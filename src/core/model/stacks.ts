import type { CacheNodeSpec, DynoSpec, Ec2Spec, HerokuKeyValuePlan, HerokuPostgresPlan, RdsSpec } from '../pricing';
import type { AddOn } from '../workload';
import type { ProcessNeed } from './sizing-rules';

/**
 * Concrete Heroku resources for one environment. `spec` is absent when the price list lacks the size.
 * `perInstance`: for dynos modelled from AWS, how many stand for one instance (so staging's one instance
 * is that many dynos, not one).
 */
export interface HerokuStack {
  dynos: {
    process: string;
    size: string;
    spec?: DynoSpec;
    count: number;
    hoursPerMonth?: number;
    perInstance?: number;
  }[];
  postgres?: { plan: string; spec?: HerokuPostgresPlan };
  keyValue?: { plan: string; spec?: HerokuKeyValuePlan };
  addOns: AddOn[];
}

/** `need`: what the process itself needs (from its dyno), for packing processes onto shared instances. */
export type AwsCompute =
  | {
      process: string;
      count: number;
      hoursPerMonth?: number;
      need?: ProcessNeed;
      kind: 'ec2';
      type: string;
      spec?: Ec2Spec;
    }
  | {
      process: string;
      count: number;
      hoursPerMonth?: number;
      need?: ProcessNeed;
      kind: 'fargate';
      vcpu: number;
      memoryGb: number;
      arch: 'x86_64' | 'arm64';
    };

/** Concrete AWS resources for one environment. */
export interface AwsStack {
  compute: AwsCompute[];
  /** `any` when Graviton was asked for (`arm`): shared instances may then be arm64 in every tier. */
  architecture?: 'x86_64' | 'any';
  database?: { dbClass: string; spec?: RdsSpec; multiAz: boolean; storageGb: number };
  /** `nodes`: 2 for a primary and a replica (an HA Key-Value plan), else 1; `needGb`: the data it holds. */
  cache?: { node: string; spec?: CacheNodeSpec; nodes: number; needGb: number };
}
