/**
 * AWS service names as they appear in a workload (instance type, class) and in Cost Explorer's
 * SERVICE dimension, with their HIPAA eligibility as far as AWS's HIPAA eligible services reference confirms it
 * (docs/references.md#compliance).
 */

/** eligible: AWS's own material; reported: third parties only; unconfirmed: no source. */
type Eligibility = 'eligible' | 'reported' | 'unconfirmed';

export type ComputeKind = 'ec2' | 'fargate';

export function computeKind(size: string): ComputeKind | undefined {
  const name = size.toLowerCase();
  if (name.startsWith('fargate')) return 'fargate';
  if (/^(db|cache)\./.test(name)) return undefined;
  return /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(name) ? 'ec2' : undefined;
}

export function isRdsClass(plan: string): boolean {
  return /^db\./i.test(plan);
}

export function isElastiCacheNode(plan: string): boolean {
  return /^cache\./i.test(plan);
}

/** data: stores or carries data (including load balancers and CDNs). */
type ServiceRole = 'compute' | 'data' | 'security' | 'billing';

interface KnownService {
  label: string;
  role: ServiceRole;
  /** Absent for billing lines, which hold no data. */
  hipaa?: Eligibility;
}

/**
 * Cost Explorer SERVICE values, as GetCostAndUsage names them, lower-cased (some services have gone by
 * two names: both are kept). A name missing here is treated as a data service of unconfirmed
 * eligibility. `eligible` rests on AWS's own material (its HIPAA whitepaper's service sections and
 * contents, docs/decisions.md "Cost Explorer's service names against HIPAA eligibility"); the rest is
 * said to be checked against AWS's reference before PHI goes near it.
 */
const COST_EXPLORER_SERVICES: Record<string, KnownService> = {
  'amazon elastic compute cloud - compute': { label: 'EC2', role: 'compute', hipaa: 'eligible' },
  // ECS on EC2 bills as EC2; what Cost Explorer shows under ECS is Fargate tasks, ECS's serverless launch type.
  'amazon elastic container service': { label: 'ECS (Fargate tasks)', role: 'compute', hipaa: 'eligible' },
  'aws lambda': { label: 'Lambda', role: 'compute', hipaa: 'eligible' },
  // EBS volumes and snapshots, NAT gateways, Elastic IPs and data transfer: EBS and VPC, both eligible.
  'ec2 - other': { label: 'EC2 - Other (EBS, NAT gateways, data transfer)', role: 'data', hipaa: 'eligible' },
  'amazon virtual private cloud': { label: 'VPC', role: 'data', hipaa: 'eligible' },
  'amazon relational database service': { label: 'RDS', role: 'data', hipaa: 'eligible' },
  'amazon simple storage service': { label: 'S3', role: 'data', hipaa: 'eligible' },
  'amazon elasticache': { label: 'ElastiCache', role: 'data', hipaa: 'eligible' },
  'amazon dynamodb': { label: 'DynamoDB', role: 'data', hipaa: 'eligible' },
  'amazon elastic file system': { label: 'EFS', role: 'data', hipaa: 'eligible' },
  'amazon ec2 container registry (ecr)': { label: 'ECR', role: 'data', hipaa: 'eligible' },
  'amazon simple queue service': { label: 'SQS', role: 'data', hipaa: 'eligible' },
  'amazon simple notification service': { label: 'SNS', role: 'data', hipaa: 'eligible' },
  'amazon api gateway': { label: 'API Gateway', role: 'data', hipaa: 'eligible' },
  'elastic load balancing': { label: 'Elastic Load Balancing', role: 'data', hipaa: 'eligible' },
  'amazon elastic load balancing': { label: 'Elastic Load Balancing', role: 'data', hipaa: 'eligible' },
  'amazon cloudfront': { label: 'CloudFront', role: 'data', hipaa: 'eligible' },
  amazoncloudwatch: { label: 'CloudWatch', role: 'data', hipaa: 'eligible' },
  'amazon cloudwatch': { label: 'CloudWatch', role: 'data', hipaa: 'eligible' },
  'amazon route 53': { label: 'Route 53', role: 'data', hipaa: 'eligible' },
  'aws key management service': { label: 'KMS', role: 'security', hipaa: 'eligible' },
  'amazon guardduty': { label: 'GuardDuty', role: 'security', hipaa: 'eligible' },
  'aws waf': { label: 'WAF', role: 'security', hipaa: 'eligible' },
  'aws cloudtrail': { label: 'CloudTrail', role: 'security', hipaa: 'reported' },
  'aws backup': { label: 'AWS Backup', role: 'data', hipaa: 'unconfirmed' },
  tax: { label: 'Tax', role: 'billing' },
  'aws cost explorer': { label: 'Cost Explorer', role: 'billing' },
};

export function describeCostExplorerService(name: string): KnownService {
  const key = name.trim().toLowerCase();
  if (key.startsWith('aws support')) return { label: name, role: 'billing' };
  return COST_EXPLORER_SERVICES[key] ?? { label: name, role: 'data', hipaa: 'unconfirmed' };
}

/** The spend-evidence services the inventory checks look for. */
export const EVIDENCE_SERVICES = {
  kms: 'AWS Key Management Service',
  cloudtrail: 'AWS CloudTrail',
  guardduty: 'Amazon GuardDuty',
  backup: 'AWS Backup',
  waf: 'AWS WAF',
} as const;

export function hasSpendOn(servicesWithSpend: readonly string[], service: string): boolean {
  const wanted = service.toLowerCase();
  return servicesWithSpend.some((name) => name.trim().toLowerCase() === wanted);
}
