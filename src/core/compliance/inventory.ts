/**
 * What the live sources could see, in plain values: the Heroku Platform API (apps, spaces,
 * add-on plans, team members) and the AWS services with spend in Cost Explorer. A platform that is
 * not connected is absent; one that failed carries `error` (and whatever was read before it failed).
 */
type PlanCompliance = 'HIPAA' | 'PCI';

export interface HerokuAddOnInventory {
  /** Add-on service name: `heroku-postgresql`, `papertrail`. */
  service: string;
  /** Plan name, with or without the `service:` prefix. */
  plan: string;
  /** `plan.compliance` from the Platform API: null when the plan declares none. */
  compliance: PlanCompliance[] | null;
}

export interface HerokuAppInventory {
  name: string;
  team?: string;
  /** `app.space`: null for Common Runtime apps. */
  space: { name: string; shield: boolean } | null;
  addOns: HerokuAddOnInventory[];
}

export interface HerokuMemberInventory {
  email: string;
  team?: string;
  twoFactor: boolean;
  /** `team-member.role`, when the source read it. */
  role?: 'admin' | 'collaborator' | 'member' | 'owner' | null;
}

export interface HerokuInventory {
  apps: HerokuAppInventory[];
  members: HerokuMemberInventory[];
  /** Teams whose member list the token could not read (their members are missing from `members`), with why. */
  membersNotRead?: { team: string; reason: string }[];
  /** Apps the token could not read (they are missing from `apps`), with why: no check may speak for "every app". */
  appsNotRead?: { app: string; reason: string }[];
  error?: string;
}

export interface AwsInventory {
  /** Cost Explorer SERVICE names with spend in the period: `AWS Key Management Service`, `AWS CloudTrail`… */
  servicesWithSpend: string[];
  /** The period the spend covers, as shown to people: `2026-05-01 to 2026-05-31`. */
  period: string;
  error?: string;
}

export interface LiveInventory {
  heroku?: HerokuInventory;
  aws?: AwsInventory;
}
