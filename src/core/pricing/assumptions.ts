import { type Money, usd } from '../money';

/**
 * The figures an estimate needs that no price list gives: effort, traffic and sizing defaults.
 * Every one is stated in the answer and can be changed in PRICING_FILE (`assumptions:`).
 */
export interface Assumptions {
  /** Ops effort per environment per month, in hours. */
  opsHoursPerEnvironment: { heroku: number; aws: number };
  opsHourlyRate: Money;
  /** Used when an estimate gives no `egress=`. */
  egressGbPerMonth: number;
  /**
   * A flat log volume per app that runs a process, used only when PRICING_FILE sets it; otherwise an
   * estimate without `logs=` (and a live app) logs by what it runs: `logGbPerDyno` and `logGbPerHobbyDyno`.
   */
  logGbPerMonth: number;
  /** Log volume a month of one Standard-or-larger dyno, Private or Shield dyno, EC2 instance or Fargate task. */
  logGbPerDyno: number;
  /** Log volume a month of one Eco or Basic dyno (a hobby app's). */
  logGbPerHobbyDyno: number;
  /** Staging and each review environment carry this share of production's traffic and logs. */
  nonProductionTrafficShare: number;
  logRetentionMonths: number;
  /** Average Application Load Balancer capacity units in production. */
  albLcuAverage: number;
  /** Outbound data through the NAT gateway in production (package installs, third-party APIs). */
  natGbPerMonth: number;
  ec2RootVolumeGb: number;
  /**
   * RDS storage when an AWS estimate names a class but no `storage=`: RDS's smallest allocation by
   * default, the least its bill can be, so the class's RAM, not a guess at the data, picks the Heroku plan.
   */
  awsDatabaseStorageGb: number;
  kmsRequestsPerMonth: number;
  cloudTrailDataEventsPerMonth: number;
  guardDutyEventsPerMonth: number;
  guardDutyLogGbPerMonth: number;
  wafRules: number;
  wafRequestsPerMonth: number;
  /**
   * The optimised tier prices EC2 at a 1-year, no-upfront Compute Savings Plan rate: this fraction below
   * on-demand. AWS publishes a rate per instance type; this default is a typical figure, unconfirmed.
   */
  computeSavingsPlanDiscount: number;
  /** The same for Fargate, whose Compute Savings Plan discount is smaller. */
  fargateSavingsPlanDiscount: number;
  /** Host-based routing rules one Application Load Balancer takes (AWS's default quota is 100). */
  albRulesPerLoadBalancer: number;
  /** One-off hours to move one AWS EC2 instance type to Heroku (`migrate aws`): build, deploy, config, cut-over. */
  migrationHoursPerApp: number;
  /** One-off hours to move one AWS RDS instance to Heroku Postgres (`migrate aws`): copy, check, switch. */
  migrationHoursPerDatabase: number;
  /**
   * Heroku → AWS, one-off hours by what each app has (docs/decisions.md, "The one-off cost of moving
   * scales with what each app has"): a base per app, then each part below.
   */
  migrationHoursBasePerApp: number;
  migrationHoursPerProcessType: number;
  /** An app that needs the production layout on AWS (load balancer, private subnets), not a public-subnet hobby app. */
  migrationHoursPerLoadBalancedApp: number;
  /** A Heroku Postgres whose plan holds at most `migrationDumpRestoreMaxGb`: pg:backups dump and pg_restore. */
  migrationHoursPerSmallDatabase: number;
  /** A larger Heroku Postgres: a rehearsed cut-over (trial restore, timing, a planned window). */
  migrationHoursPerLargeDatabase: number;
  migrationDumpRestoreMaxGb: number;
  migrationHoursPerCache: number;
  /** A Heroku add-on other than Postgres and Key-Value Store, replaced by an AWS service or its vendor's own account. */
  migrationHoursPerAddOn: number;
  /** A Private or Shield Space, rebuilt as a VPC once however many apps it holds. */
  migrationHoursPerSpace: number;
}

export type AssumptionName = keyof Assumptions;

export const DEFAULT_ASSUMPTIONS: Assumptions = {
  opsHoursPerEnvironment: { heroku: 2, aws: 10 },
  opsHourlyRate: usd(100),
  egressGbPerMonth: 100,
  logGbPerMonth: 10,
  logGbPerDyno: 5,
  logGbPerHobbyDyno: 0.5,
  nonProductionTrafficShare: 0.1,
  logRetentionMonths: 1,
  albLcuAverage: 1,
  natGbPerMonth: 20,
  ec2RootVolumeGb: 20,
  // RDS_MIN_STORAGE_GB (aws-rds.ts): gp3 for PostgreSQL starts at 20 GiB. It was 100, which made a
  // db.t4g.micro a $200 standard-2 (standard-0 holds 64 GB) and billed RDS for 100 GB no one gave.
  awsDatabaseStorageGb: 20,
  kmsRequestsPerMonth: 100_000,
  cloudTrailDataEventsPerMonth: 1_000_000,
  guardDutyEventsPerMonth: 1_000_000,
  guardDutyLogGbPerMonth: 10,
  wafRules: 5,
  wafRequestsPerMonth: 10_000_000,
  computeSavingsPlanDiscount: 0.28,
  fargateSavingsPlanDiscount: 0.2,
  albRulesPerLoadBalancer: 100,
  migrationHoursPerApp: 16,
  migrationHoursPerDatabase: 8,
  migrationHoursBasePerApp: 4,
  migrationHoursPerProcessType: 2,
  migrationHoursPerLoadBalancedApp: 4,
  migrationHoursPerSmallDatabase: 4,
  migrationHoursPerLargeDatabase: 8,
  migrationDumpRestoreMaxGb: 20,
  migrationHoursPerCache: 2,
  migrationHoursPerAddOn: 2,
  migrationHoursPerSpace: 16,
};

export const ASSUMPTION_NAMES = Object.keys(DEFAULT_ASSUMPTIONS) as AssumptionName[];

export const DEFAULT_ASSUMPTION_SOURCE = 'Hosting Advisor default';
