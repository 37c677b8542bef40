import { describeCostExplorerService, EVIDENCE_SERVICES, hasSpendOn } from '../aws-services';
import type { AwsInventory } from '../inventory';
import { listOf } from '../phrases';
import type { AwsCheckId, CheckResult } from '../types';

type InventoryCheck = (aws: AwsInventory) => CheckResult | null;

/**
 * Spend on a service shows it is in use, not that it is set up well; no spend suggests it is off
 * but cannot prove it (free tiers and trials). Either way the control is something to verify, never
 * met: a trail in one region, a detector nobody reads or a web ACL on nothing all have spend.
 */
function spendEvidence(service: string, label: string, notShown: string, ifAbsent: string): InventoryCheck {
  return (aws) =>
    hasSpendOn(aws.servicesWithSpend, service)
      ? {
          status: 'attention',
          detail: `Evidence, not proof: ${label} has spend in ${aws.period}, so it is in use; spend does not show ${notShown}.`,
        }
      : { status: 'attention', detail: `No ${label} spend in ${aws.period}: evidence, not proof, that ${ifAbsent}` };
}

function eligible(roles: readonly string[], what: string): InventoryCheck {
  return (aws) => {
    const services = aws.servicesWithSpend
      .map(describeCostExplorerService)
      .filter((service) => roles.includes(service.role));
    if (services.length === 0) return { status: 'not-applicable', detail: `No ${what} spend in ${aws.period}.` };
    const confirmed = services.filter((service) => service.hipaa === 'eligible').map((service) => service.label);
    const reported = services.filter((service) => service.hipaa === 'reported').map((service) => service.label);
    const unconfirmed = services.filter((service) => service.hipaa === 'unconfirmed').map((service) => service.label);
    const sentences: string[] = [];
    if (unconfirmed.length > 0) {
      sentences.push(
        `HIPAA eligibility unconfirmed for ${listOf(unconfirmed)}: keep PHI off ${unconfirmed.length === 1 ? 'it' : 'them'} or check https://aws.amazon.com/compliance/hipaa-eligible-services-reference/.`,
      );
    }
    if (confirmed.length > 0) sentences.push(`HIPAA-eligible: ${listOf(confirmed)}.`);
    if (reported.length > 0)
      sentences.push(
        `Not confirmed by AWS's own HIPAA Eligible Services Reference (only a third-party table lists ${reported.length === 1 ? 'it' : 'them'}): ${listOf(reported)}. Check that ${reported.length === 1 ? 'it is' : 'each is'} listed at https://aws.amazon.com/compliance/hipaa-eligible-services-reference/ before PHI passes through ${reported.length === 1 ? 'it' : 'them'} (logs and trails can carry PHI), or keep PHI out.`,
      );
    sentences.push(`From ${what} spend in ${aws.period}: evidence, not proof, of where PHI is.`);
    // Met only when every service with spend is confirmed eligible by AWS's own material: a service
    // only a third party lists is something to check, not a tick (docs/decisions.md).
    return {
      status: unconfirmed.length > 0 || reported.length > 0 ? 'attention' : 'met',
      detail: sentences.join(' '),
    };
  };
}

export const AWS_INVENTORY_CHECKS: Record<AwsCheckId, InventoryCheck> = {
  'aws-eligible-compute': eligible(['compute'], 'compute'),
  'aws-eligible-data': eligible(['data', 'security'], 'data-service'),
  // Cost Explorer spend by SERVICE cannot tell Single-AZ from Multi-AZ.
  'aws-rds-multi-az': () => null,
  'aws-kms': spendEvidence(
    EVIDENCE_SERVICES.kms,
    'KMS',
    'which data its keys encrypt or whether they rotate: check each store',
    'no customer-managed KMS keys exist (what a key costs, with its source, is under Cost).',
  ),
  'aws-cloudtrail': spendEvidence(
    EVIDENCE_SERVICES.cloudtrail,
    'CloudTrail',
    'whether trails cover every region or validate log files',
    'no trail is recording; the first copy of management events may cost nothing (unconfirmed).',
  ),
  'aws-guardduty': spendEvidence(
    EVIDENCE_SERVICES.guardduty,
    'GuardDuty',
    'whether it covers every region or anyone acts on its findings',
    'GuardDuty is off; its 30-day free trial per Region also shows no spend.',
  ),
  'aws-backup': spendEvidence(
    EVIDENCE_SERVICES.backup,
    'AWS Backup',
    'what is backed up or whether restores work',
    'AWS Backup is unused; RDS automated backups are not visible to this check.',
  ),
  'aws-waf': spendEvidence(
    EVIDENCE_SERVICES.waf,
    'AWS WAF',
    'which load balancers or APIs its web ACLs protect',
    'no web ACL exists (what one costs, with its source, is under Cost).',
  ),
};
