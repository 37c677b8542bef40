import type { CacheNodeSpec, DynoSpec, Ec2Spec, HerokuKeyValuePlan, HerokuPostgresPlan, RdsSpec } from '../pricing';
import type { AddOn } from '../workload';

/** Concrete Heroku resources for one environment. `spec` is absent when the price list lacks the size. */
export interface HerokuStack {
  dynos: { process: string; size: string; spec?: DynoSpec; count: number; hoursPerMonth?: number }[];
  postgres?: { plan: string; spec?: HerokuPostgresPlan };
  keyValue?: { plan: string; spec?: HerokuKeyValuePlan };
  addOns: AddOn[];
}

export type AwsCompute =
  | { process: string; count: number; hoursPerMonth?: number; kind: 'ec2'; type: string; spec?: Ec2Spec }
  | {
      process: string;
      count: number;
      hoursPerMonth?: number;
      kind: 'fargate';
      vcpu: number;
      memoryGb: number;
      arch: 'x86_64' | 'arm64';
    };

/** Concrete AWS resources for one environment. */
export interface AwsStack {
  compute: AwsCompute[];
  database?: { dbClass: string; spec?: RdsSpec; multiAz: boolean; storageGb: number };
  cache?: { node: string; spec?: CacheNodeSpec };
}
