import type { Platform } from '../workload';

/**
 * Compliance frameworks as data, shaped like Prowler and Steampipe (docs/references.md#compliance): a
 * requirement with its citation, the named checks that can evidence it on each platform, and what
 * the customer still has to do. Neither tool covers Heroku; the Heroku column is ours.
 */
type FrameworkId = 'hipaa' | 'pci' | 'soc2' | 'gdpr';

/** Checks that read a Heroku workload or the Heroku Platform API inventory. */
export type HerokuCheckId =
  | 'heroku-shield-compute'
  | 'heroku-shield-data'
  | 'heroku-private-space'
  | 'heroku-data-at-rest'
  | 'heroku-tls'
  | 'heroku-space-logging'
  | 'heroku-postgres-ha'
  | 'heroku-mfa'
  | 'heroku-roles'
  | 'heroku-addon-pci'
  | 'heroku-pci-status';

/** Checks that read an AWS workload or the Cost Explorer services with spend. */
export type AwsCheckId =
  | 'aws-eligible-compute'
  | 'aws-eligible-data'
  | 'aws-rds-multi-az'
  | 'aws-kms'
  | 'aws-cloudtrail'
  | 'aws-guardduty'
  | 'aws-backup'
  | 'aws-waf';

/** How one platform meets a control. */
export interface PlatformAnswer {
  /** The platform's mechanism: runtime, service, plan, contract. */
  how: string;
  /** What stays with the customer under shared responsibility. */
  customerShare: string;
  /** What shows that it is in place: API signals, Prowler checks, documents. */
  evidence: string;
}

export interface Control {
  id: string;
  title: string;
  /** Why it matters, in a sentence or two. */
  why: string;
  /** 45 CFR section, PCI DSS requirement number, TSC criterion or GDPR article. */
  citation: string;
  /** Checklist section the control is shown under. */
  group: string;
  heroku: PlatformAnswer;
  aws: PlatformAnswer;
  /**
   * What it costs, in the cost model's terms. A price is written as its catalog key, `{aws.kms.key}`,
   * never as a figure: pricedFramework (priced-costs.ts) quotes it from the catalog with its source.
   */
  cost: string;
  /** How to verify it. */
  verify: string;
  /** What no source confirms; the product must not assert it. */
  unconfirmed?: string;
  /** Named checks that evaluate it; a control without checks is always the customer's to verify. */
  checks: { heroku: readonly HerokuCheckId[]; aws: readonly AwsCheckId[] };
  /**
   * What a failed check means for this control. 'attention' where the framework is risk-based and
   * does not prescribe the mechanism (GDPR Art. 32, SOC 2 boundary protection). Default 'gap'.
   */
  shortfall?: 'gap' | 'attention';
}

export interface Framework {
  id: FrameworkId;
  name: string;
  version: string;
  /** What the framework covers here, in a sentence. */
  scope: string;
  /** Other spellings accepted in commands, compared without case or punctuation. */
  aliases: readonly string[];
  /** Group names in display order; every control's group is one of them. */
  groups: readonly string[];
  controls: readonly Control[];
}

export type FindingStatus = 'met' | 'gap' | 'attention' | 'not-applicable';

export interface Finding {
  controlId: string;
  status: FindingStatus;
  platform: Platform;
  detail: string;
}

/** What one named check concluded; `null` when it has nothing to say from that source. */
export interface CheckResult {
  status: FindingStatus;
  detail: string;
}
