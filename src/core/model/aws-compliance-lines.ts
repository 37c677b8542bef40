import { Decimal } from '../money';
import { type Catalog, priceOf } from '../pricing';
import type { ComplianceNeed } from '../workload';
import { lineFor } from './cost-line';
import { formatCount } from './describe';
import type { CostLine, EnvironmentName } from './types';

/** A production database that holds regulated data: its app's line prefix (empty for one estimate) and size. */
export interface RegulatedDatabase {
  prefix: string;
  storageGb: number;
}

/**
 * What HIPAA or PCI adds on AWS, as a migration engineer sets it up. The BAA itself costs nothing (AWS
 * Artifact). Account-level, counted once however many apps are regulated: a KMS key (and its requests)
 * for each environment that holds regulated data, CloudTrail data events, GuardDuty, and for PCI one
 * AWS WAF web ACL on the production load balancer. Per app: AWS Backup of each production database
 * for HIPAA.
 */
export function awsComplianceLines(
  compliance: readonly ComplianceNeed[],
  environments: readonly EnvironmentName[],
  databases: readonly RegulatedDatabase[],
  hasLoadBalancer: boolean,
  catalog: Catalog,
  notes: string[],
): CostLine[] {
  if (compliance.length === 0) return [];
  const a = catalog.assumptions;
  const lines: CostLine[] = [];
  const add = (
    key: string,
    item: string,
    quantity: Decimal.Value,
    environment: EnvironmentName,
    category: CostLine['category'],
  ) => {
    if (!new Decimal(quantity).isZero())
      lines.push(lineFor(priceOf(catalog, key), item, quantity, { environment, category }));
  };
  for (const environment of environments) {
    add('aws.kms.key', 'KMS key for encrypted storage', 1, environment, 'security');
    add(
      'aws.kms.requests',
      `KMS requests (${formatCount(a.kmsRequestsPerMonth)})`,
      new Decimal(a.kmsRequestsPerMonth).dividedBy(10_000),
      environment,
      'security',
    );
  }
  // Once for the account: shown with its first regulated environment (production, or a staging app alone).
  const account = environments[0] ?? 'production';
  add(
    'aws.cloudtrail.data-events',
    `CloudTrail data events (${formatCount(a.cloudTrailDataEventsPerMonth)})`,
    new Decimal(a.cloudTrailDataEventsPerMonth).dividedBy(100_000),
    account,
    'security',
  );
  add(
    'aws.guardduty.events',
    `GuardDuty event analysis (${formatCount(a.guardDutyEventsPerMonth)} events)`,
    new Decimal(a.guardDutyEventsPerMonth).dividedBy(1_000_000),
    account,
    'security',
  );
  add(
    'aws.guardduty.logs',
    `GuardDuty flow and DNS log analysis (${a.guardDutyLogGbPerMonth} GB)`,
    a.guardDutyLogGbPerMonth,
    account,
    'security',
  );
  const frameworks = compliance.map((c) => c.toUpperCase()).join(' and ');
  notes.push(
    `${frameworks} on AWS: KMS keys in each environment with data (${formatCount(a.kmsRequestsPerMonth)} requests a month each), CloudTrail data events (${formatCount(a.cloudTrailDataEventsPerMonth)} a month) and GuardDuty (${formatCount(a.guardDutyEventsPerMonth)} events, ${a.guardDutyLogGbPerMonth} GB of logs) once for the account; EBS and RDS encryption with KMS adds no storage charge.`,
  );

  if (compliance.includes('hipaa')) {
    notes.push('HIPAA on AWS: accept the BAA in AWS Artifact (no charge) and use only HIPAA-eligible services.');
    for (const { prefix, storageGb: gb } of databases)
      add('aws.backup.rds-snapshot', `${prefix}AWS Backup of the database (${gb} GB)`, gb, 'production', 'backup');
    if (databases.length === 1)
      notes.push(
        `HIPAA on AWS: AWS Backup keeps one full copy of the ${databases[0].storageGb} GB database; the us-east-1 rate is unconfirmed (us-west-1 value used).`,
      );
    else if (databases.length > 1)
      notes.push(
        `HIPAA on AWS: AWS Backup keeps one full copy of each of the ${databases.length} regulated production databases (${formatCount(databases.reduce((gb, d) => gb + d.storageGb, 0))} GB in all), one line each; the us-east-1 rate is unconfirmed (us-west-1 value used).`,
      );
  }
  if (compliance.includes('pci') && hasLoadBalancer) {
    add('aws.waf.web-acl', 'AWS WAF web ACL', 1, 'production', 'security');
    add('aws.waf.rule', `AWS WAF rules (${a.wafRules})`, a.wafRules, 'production', 'security');
    add(
      'aws.waf.requests',
      `AWS WAF requests (${formatCount(a.wafRequestsPerMonth)})`,
      new Decimal(a.wafRequestsPerMonth).dividedBy(1_000_000),
      'production',
      'security',
    );
    notes.push(
      `PCI on AWS: AWS WAF on the production load balancer (${a.wafRules} rules, ${formatCount(a.wafRequestsPerMonth)} requests a month). AWS is a PCI DSS Level 1 Service Provider; your own scope still needs assessing.`,
    );
  }
  return lines;
}
