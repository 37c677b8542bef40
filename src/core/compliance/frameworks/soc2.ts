import type { Framework } from '../types';

/**
 * SOC 2 hosting basics: a few Trust Services Criteria where the hosting choice matters. The criterion
 * numbers are not checked against the AICPA text (docs/references.md#compliance), so each is marked unconfirmed.
 */
const CRITERIA = 'The criterion number is unconfirmed: check it against the AICPA Trust Services Criteria.';

export const SOC2: Framework = {
  id: 'soc2',
  name: 'SOC 2',
  version: 'Trust Services Criteria (2017)',
  scope:
    'Hosting basics an auditor asks about: vendor assurance, access, encryption, boundaries, monitoring, availability.',
  aliases: ['soc2', 'soc-2', 'soc', 'soc2-type2', 'soc2-type-2'],
  groups: ['Vendors', 'Access', 'Encryption', 'Network', 'Monitoring', 'Availability'],
  controls: [
    {
      id: 'soc2-vendor-assurance',
      title: 'Hosting provider’s own assurance reports',
      why: 'Your auditor relies on the hosting provider’s reports for the controls you inherit from it.',
      citation: 'TSC CC9.2 (vendor and business partner risk)',
      group: 'Vendors',
      heroku: {
        how: 'Compliance and audit reports are available from the Salesforce Trust site or by a compliance-document request; shared responsibility is documented in the CSA CAIQ and a Security Runbook.',
        customerShare: 'Collect the reports each year and review the carve-outs.',
        evidence: 'The downloaded reports and your review notes.',
      },
      aws: {
        how: 'Compliance reports are in AWS Artifact.',
        customerShare: 'Download the reports each year and review the customer responsibilities.',
        evidence: 'The reports from AWS Artifact and your review notes.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: Salesforce Trust site. AWS: AWS Artifact → Reports.',
      unconfirmed: `Which SOC reports each provider publishes is unconfirmed: see the Salesforce Trust site and AWS Artifact. ${CRITERIA}`,
      checks: { heroku: [], aws: [] },
    },
    {
      id: 'soc2-logical-access',
      title: 'Logical access: MFA and least privilege',
      why: 'Access to production must be limited to the right people and need more than a password.',
      citation: 'TSC CC6.1; CC6.3',
      group: 'Access',
      heroku: {
        how: 'Two-factor authentication on every account; team roles (admin, collaborator, member, owner).',
        customerShare: 'Require two-factor authentication, give the narrowest role, review access each quarter.',
        evidence: 'Platform API: team-member.two_factor_authentication and team-member.role.',
      },
      aws: {
        how: 'MFA for the root user and console users; least-privilege IAM.',
        customerShare: 'Enforce MFA and review IAM policies.',
        evidence:
          'Prowler: iam_root_mfa_enabled, iam_user_mfa_enabled_console_access, iam_*_no_administrative_privileges.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: GET /teams/{team}/members. AWS: run the Prowler checks listed.',
      unconfirmed: `Heroku options to enforce MFA or SSO. ${CRITERIA}`,
      checks: { heroku: ['heroku-mfa', 'heroku-roles'], aws: [] },
    },
    {
      id: 'soc2-encryption',
      title: 'Encryption at rest and in transit',
      why: 'Customer data must stay confidential on disk and on the wire.',
      citation: 'TSC CC6.1; CC6.7',
      group: 'Encryption',
      heroku: {
        how: 'Every Heroku Postgres tier has disk encryption; Key-Value Store premium, private and shield plans are encrypted at rest and every plan requires TLS; Shield dynos have an encrypted ephemeral file system and Shield spaces refuse TLS 1.0.',
        customerShare: 'Pick encrypted plans, serve only HTTPS, keep sensitive data off dyno disks.',
        evidence: 'Plan tiers and app.space.shield from the Platform API.',
      },
      aws: {
        how: 'KMS encryption for RDS, EBS and S3; TLS listeners on load balancers.',
        customerShare: 'Turn encryption on and configure TLS.',
        evidence:
          'Prowler: rds_instance_storage_encrypted, ec2_ebs_default_encryption, s3_bucket_default_encryption, elb_ssl_listeners.',
      },
      cost: 'AWS: KMS {aws.kms.key} plus {aws.kms.requests}. Heroku: part of the plan price.',
      verify: 'Heroku: plan names. AWS: run the Prowler checks listed.',
      unconfirmed: CRITERIA,
      checks: { heroku: ['heroku-data-at-rest', 'heroku-tls'], aws: ['aws-kms'] },
    },
    {
      id: 'soc2-network-boundary',
      title: 'Network boundary protection',
      why: 'Production systems should be reachable only through the paths you intend.',
      citation: 'TSC CC6.6',
      group: 'Network',
      heroku: {
        how: 'Private Spaces give network isolation and trusted IP ranges; the Common Runtime is rated for “low to moderately sensitive” data.',
        customerShare: 'Decide which apps need a Private Space; restrict trusted IP ranges.',
        evidence: 'Platform API: app.space.',
      },
      aws: {
        how: 'VPC, security groups, AWS WAF.',
        customerShare: 'Maintain security groups and WAF rules.',
        evidence: 'Prowler: ec2_securitygroup_allow_ingress_from_internet_to_all_ports, elbv2_waf_acl_attached.',
      },
      cost: 'Heroku: the Private Space fee (no public price, an input) plus private-* dynos. AWS: AWS WAF {aws.waf.web-acl} + {aws.waf.rule}.',
      verify: 'Heroku: GET /apps/{app} shows the space. AWS: run the Prowler checks listed.',
      unconfirmed: CRITERIA,
      checks: { heroku: ['heroku-private-space'], aws: ['aws-waf'] },
      shortfall: 'attention',
    },
    {
      id: 'soc2-monitoring',
      title: 'Security monitoring and audit logs',
      why: 'Anomalies and security events have to be detected and followed up.',
      citation: 'TSC CC7.2',
      group: 'Monitoring',
      heroku: {
        how: 'Log drains (Private Space Logging at space level); keystroke logging of heroku run sessions in Shield spaces.',
        customerShare: 'Drain, retain and alert on logs.',
        evidence: 'The log drain configuration and alert rules.',
      },
      aws: {
        how: 'CloudTrail, GuardDuty, CloudWatch alarms.',
        customerShare: 'Turn them on in every region in use and act on findings.',
        evidence: 'Prowler: cloudtrail_multi_region_enabled, guardduty_is_enabled.',
      },
      cost: 'AWS: CloudTrail {aws.cloudtrail.management-copy} for additional copies of management events; GuardDuty, for management events about {aws.guardduty.events} (approximate). Heroku: a log-drain destination.',
      verify: 'Heroku: check the log drains. AWS: run the Prowler checks listed.',
      unconfirmed: CRITERIA,
      checks: { heroku: ['heroku-space-logging'], aws: ['aws-cloudtrail', 'aws-guardduty'] },
    },
    {
      id: 'soc2-availability',
      title: 'Backups and recovery',
      why: 'If availability is in scope, you must show data can be restored and the service recovers from failures.',
      citation: 'TSC A1.2; A1.3',
      group: 'Availability',
      heroku: {
        how: 'Premium, Private and Shield Postgres are HA with 1-week rollback; Standard has 4-day rollback and no HA; Essential has neither.',
        customerShare: 'Choose an HA plan where availability matters; test restores.',
        evidence: 'Postgres plan tier from the Platform API; restore-test records.',
      },
      aws: {
        how: 'RDS Multi-AZ and automated backups; AWS Backup.',
        customerShare: 'Turn on Multi-AZ and backups; test restores.',
        evidence: 'Prowler: rds_instance_multi_az, rds_instance_backup_enabled.',
      },
      cost: 'Heroku: Premium Postgres instead of Standard (see the estimate). AWS: Multi-AZ RDS, about twice Single-AZ; backup storage beyond the free amount {aws.rds.backup}.',
      verify: 'Run and record a restore drill on each platform.',
      unconfirmed: `Heroku Postgres backup details. ${CRITERIA}`,
      checks: { heroku: ['heroku-postgres-ha'], aws: ['aws-rds-multi-az', 'aws-backup'] },
    },
  ],
};
