import { cachesOf, type Database, databasesOf, type Workload } from '../../workload';
import { computeKind, isElastiCacheNode, isRdsClass } from '../aws-services';
import { combineResults } from '../combine';
import { describeProcess, listOf } from '../phrases';
import type { AwsCheckId, CheckResult } from '../types';

type WorkloadCheck = (workload: Workload) => CheckResult | null;

const REFERENCE = 'https://aws.amazon.com/compliance/hipaa-eligible-services-reference/';

function eligibleCompute(workload: Workload): CheckResult | null {
  if (workload.processes.length === 0) return { status: 'not-applicable', detail: 'No processes in the workload.' };
  const ec2 = workload.processes.filter((process) => computeKind(process.size) === 'ec2');
  const fargate = workload.processes.filter((process) => computeKind(process.size) === 'fargate');
  const unknown = workload.processes.filter((process) => computeKind(process.size) === undefined);
  const parts: CheckResult[] = [];
  if (ec2.length > 0) {
    parts.push({ status: 'met', detail: `EC2 is HIPAA-eligible: ${listOf(ec2.map(describeProcess))}.` });
  }
  if (fargate.length > 0) {
    // Fargate is ECS's serverless launch type: ECS is eligible, as live spend on it is (docs/decisions.md).
    parts.push({
      status: 'met',
      detail: `ECS on Fargate is HIPAA-eligible: ${listOf(fargate.map(describeProcess))}.`,
    });
  }
  if (unknown.length > 0) {
    parts.push({
      status: 'attention',
      detail: `Not recognised as EC2 instance types or Fargate: ${listOf(unknown.map(describeProcess))}.`,
    });
  }
  return combineResults(parts);
}

function eligibleData(workload: Workload): CheckResult | null {
  const parts: CheckResult[] = [];
  for (const database of databasesOf(workload)) {
    parts.push(
      isRdsClass(database.plan)
        ? { status: 'met', detail: `RDS for PostgreSQL is HIPAA-eligible: ${database.plan}.` }
        : { status: 'attention', detail: `Database ${database.plan} is not an RDS class: check its eligibility.` },
    );
  }
  for (const cache of cachesOf(workload)) {
    parts.push(
      isElastiCacheNode(cache.plan)
        ? { status: 'met', detail: `ElastiCache (Redis) is HIPAA-eligible: ${cache.plan}.` }
        : {
            status: 'attention',
            detail: `Cache ${cache.plan} is not an ElastiCache node type: check its eligibility.`,
          },
    );
  }
  if (workload.addOns.length > 0) {
    parts.push({
      status: 'attention',
      detail: `Add-ons ${listOf(workload.addOns.map((a) => `${a.service} (${a.plan})`))} need an AWS replacement: check each one against ${REFERENCE}.`,
    });
  }
  return parts.length === 0
    ? { status: 'not-applicable', detail: 'No database, cache or add-ons in the workload.' }
    : combineResults(parts);
}

function rdsMultiAz(workload: Workload): CheckResult | null {
  const databases = databasesOf(workload);
  if (databases.length === 0) return { status: 'not-applicable', detail: 'No database in the workload.' };
  return combineResults(databases.map(rdsDatabaseMultiAz));
}

function rdsDatabaseMultiAz(database: Database): CheckResult {
  if (!isRdsClass(database.plan)) {
    return {
      status: 'attention',
      detail: `Database ${database.plan} is not an RDS class, so Multi-AZ cannot be told.`,
    };
  }
  if (database.highAvailability) return { status: 'met', detail: `RDS ${database.plan} is Multi-AZ.` };
  return {
    status: 'attention',
    detail: `RDS ${database.plan} is Single-AZ: no standby in a second Availability Zone. Multi-AZ costs about twice as much.`,
  };
}

function yourShare(detail: string): WorkloadCheck {
  return () => ({ status: 'attention', detail });
}

export const AWS_WORKLOAD_CHECKS: Record<AwsCheckId, WorkloadCheck> = {
  'aws-eligible-compute': eligibleCompute,
  'aws-eligible-data': eligibleData,
  'aws-rds-multi-az': rdsMultiAz,
  // Serves encryption at rest and key rotation (HIPAA) and key management (PCI): it says both.
  'aws-kms': yourShare(
    'Your share: create KMS keys (what each costs, with its source, is under Cost), encrypt RDS storage, EBS volumes, S3 buckets and log groups with them, and turn on their automatic rotation.',
  ),
  'aws-cloudtrail': yourShare(
    'Your share: turn on CloudTrail in all regions with log-file validation, and retain the logs.',
  ),
  'aws-guardduty': yourShare('Your share: turn on GuardDuty in every region in use and act on its findings.'),
  'aws-backup': yourShare(
    'Your share: turn on RDS automated backups or AWS Backup plans (AWS Backup HIPAA eligibility: unconfirmed), and test restores.',
  ),
  'aws-waf': yourShare(
    'Your share: attach an AWS WAF web ACL to the load balancer (what it costs, with its source, is under Cost).',
  ),
};
