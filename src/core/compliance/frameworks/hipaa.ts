import type { Framework } from '../types';

/**
 * HIPAA Security Rule hosting checklist (docs/references.md#compliance; 13 items, CFR cites from Prowler's
 * `hipaa_aws.json`), with item 1 split into the BAA, compute and data services, and item 4's
 * patching, password and risk-analysis rows kept as their own controls.
 */
export const HIPAA: Framework = {
  id: 'hipaa',
  name: 'HIPAA Security Rule',
  version: '45 CFR Part 164, Subpart C',
  scope: 'Safeguards for electronic protected health information (PHI) held by your apps and data services.',
  aliases: ['hipaa', 'hipaa-security-rule', 'phi'],
  groups: ['Contracts and scope', 'Encryption', 'Access', 'Logging and detection', 'Resilience', 'Governance'],
  controls: [
    {
      id: 'hipaa-baa',
      title: 'Business associate agreement before any PHI',
      why: 'A host that stores or processes PHI is a business associate: a written agreement must be in place before PHI goes there, whatever the configuration.',
      citation: '45 CFR §164.308(b)(1); §164.314(a)(1)',
      group: 'Contracts and scope',
      heroku: {
        how: 'A BAA signed with Salesforce, under a Heroku Enterprise contract that includes Shield, before any PHI is stored, as third-party HIPAA guides describe it.',
        customerShare:
          'Sign the BAA with Salesforce before storing PHI (a requirement third-party HIPAA guides describe), and keep PHI only in the Shield services it covers.',
        evidence:
          'The countersigned BAA and the Enterprise order form; there is no Platform API signal. Compliance reports: the Salesforce Trust site or a compliance-document request.',
      },
      aws: {
        how: 'The AWS Business Associate Addendum is an agreement in AWS Artifact, accepted self-service (IAM action artifact:AcceptAgreement; managed policy AWSArtifactAgreementsFullAccess).',
        customerShare:
          'Accept the BAA in AWS Artifact for every account that holds PHI (AWS Artifact can also accept it for a whole AWS Organization).',
        evidence: 'The BAA shown as accepted under Agreements in AWS Artifact.',
      },
      cost: 'Heroku: part of an Enterprise contract (contract price, an input to the cost model). AWS: none modelled.',
      verify:
        'Heroku: get the countersigned BAA from your Salesforce account team. AWS: open AWS Artifact → Agreements and check the BAA is accepted for the account or organisation.',
      unconfirmed:
        'Heroku BAA terms come from third-party summaries, not Salesforce documents. The CFR cites are ours: the Prowler mapping marks this item administrative, with no cite.',
      checks: { heroku: [], aws: [] },
    },
    {
      id: 'hipaa-phi-compute',
      title: 'PHI runs only on eligible compute',
      why: 'Only services covered by the BAA may create, receive or transmit PHI; one uncovered process that touches PHI puts it outside the agreement.',
      citation: '45 CFR §164.308(b)(1); §164.314(a)(1) (through the BAA terms)',
      group: 'Contracts and scope',
      heroku: {
        how: 'Shield dynos in a Shield Private Space (third-party HIPAA guides say PHI on Heroku requires Shield). Common Runtime dynos (eco, basic, standard, performance) and Private Space dynos (private-*) are outside it.',
        customerShare: 'Run every process that touches PHI on shield-* dynos in a Shield Private Space.',
        evidence: 'Platform API: app.space.shield is true for every app that handles PHI.',
      },
      aws: {
        how: 'HIPAA-eligible services only. EC2 and ECS, Fargate tasks included (Fargate is an ECS launch type), are eligible (AWS HIPAA whitepaper).',
        customerShare:
          'Keep PHI workloads on eligible services and configure them as the BAA requires (third-party HIPAA guides name encryption in transit and at rest as a condition).',
        evidence:
          'The services in use compared with https://aws.amazon.com/compliance/hipaa-eligible-services-reference/ (Cost Explorer SERVICE names are a starting list).',
      },
      cost: 'Heroku: Shield dynos (list from {heroku.dyno.shield-s} for shield-s; contract-priced under Enterprise) plus the Shield Private Space fee (contract price, an input). AWS: EC2/ECS as priced in the estimate.',
      verify:
        'Heroku: GET /apps/{app} shows space.shield = true. AWS: list the services that hold PHI and check each one against the HIPAA-eligible services reference.',
      unconfirmed: 'The Dyno Tiers page ticks HIPAA for one tier; that it is Shield is inferred.',
      checks: { heroku: ['heroku-shield-compute'], aws: ['aws-eligible-compute'] },
    },
    {
      id: 'hipaa-phi-data',
      title: 'PHI is stored only in eligible data services',
      why: 'Databases, caches and add-ons hold PHI at rest; each one must be covered by the BAA, or PHI must stay out of it.',
      citation: '45 CFR §164.308(b)(1); §164.314(a)(1) (through the BAA terms)',
      group: 'Contracts and scope',
      heroku: {
        how: 'Shield Heroku Postgres ("allow storage of certain regulated data classes that cannot be stored in private plans"), Shield Key-Value Store, Shield Kafka and Shield Heroku Connect. Third-party HIPAA guides say non-Shield and community add-ons are outside the BAA.',
        customerShare:
          'Keep PHI in shield-* data plans; remove or isolate any add-on on a PHI app whose plan does not declare HIPAA.',
        evidence:
          'Platform API: add-on plan.compliance includes "HIPAA"; Postgres and Key-Value Store plans are shield-*.',
      },
      aws: {
        how: 'RDS for PostgreSQL, S3, EBS and ElastiCache (Redis) are HIPAA-eligible (AWS HIPAA whitepaper). For any other data service, check the reference.',
        customerShare: 'Keep PHI in eligible services only, encrypted.',
        evidence:
          'The services with spend compared with https://aws.amazon.com/compliance/hipaa-eligible-services-reference/.',
      },
      cost: 'Heroku: Shield Postgres and Shield Key-Value Store plans (no public price; inputs to the cost model). AWS: RDS and ElastiCache as in the estimate.',
      verify:
        'Heroku: GET /apps/{app}/addons: every plan on a PHI app is shield-* or declares HIPAA in plan.compliance. AWS: every data service holding PHI is on the eligible list.',
      unconfirmed: 'Heroku BAA coverage of add-ons comes from third-party summaries.',
      checks: { heroku: ['heroku-shield-data'], aws: ['aws-eligible-data'] },
    },
    {
      id: 'hipaa-encryption-at-rest',
      title: 'Encryption at rest',
      why: 'Encrypted disks, databases, logs and backups keep PHI unreadable if storage media or snapshots leak.',
      // §164.312(e)(2)(ii) is the encryption of ePHI in transmission (§164.312(e), Transmission security), cited
      // under encryption in transit: Prowler's mapping files it under at-rest checks, the regulation does not.
      citation: '45 CFR §164.312(a)(2)(iv)',
      group: 'Encryption',
      heroku: {
        how: 'Every Heroku Postgres tier has disk encryption; Shield dynos have an encrypted ephemeral file system; Key-Value Store premium, private and shield plans are encrypted at rest (AES-256).',
        customerShare:
          'Pick encrypted plans (not Key-Value Store mini), keep PHI off non-Shield dyno disks, and encrypt files you keep elsewhere.',
        evidence: 'Platform API: app.space.shield; Postgres and Key-Value Store plan tiers.',
      },
      aws: {
        how: 'Encrypt RDS storage, EBS (default encryption), S3 buckets, EFS and CloudWatch log groups with KMS keys.',
        customerShare: 'Turn encryption on for every store that holds PHI and manage the KMS keys.',
        evidence:
          'Prowler: rds_instance_storage_encrypted, ec2_ebs_default_encryption, s3_bucket_default_encryption, efs_encryption_at_rest_enabled, cloudwatch_log_group_kms_encryption_enabled.',
      },
      cost: 'AWS: KMS {aws.kms.key} plus {aws.kms.requests}. Heroku: part of the plan price, no separate line.',
      verify:
        'Heroku: plan names and app.space.shield. AWS: run the Prowler checks listed, or inspect each RDS instance, EBS setting and bucket.',
      checks: { heroku: ['heroku-data-at-rest'], aws: ['aws-kms'] },
    },
    {
      id: 'hipaa-encryption-in-transit',
      title: 'Encryption in transit (TLS only)',
      why: 'PHI crossing a network unencrypted can be read or altered on the way.',
      citation: '45 CFR §164.312(e)(1); §164.312(e)(2)(i); §164.312(e)(2)(ii)',
      group: 'Encryption',
      heroku: {
        how: 'Shield Private Spaces refuse TLS 1.0; Shield Key-Value Store uses encrypted clients; every Key-Value Store plan requires TLS.',
        customerShare: 'Serve only HTTPS, and connect to databases and other services over TLS.',
        evidence: 'Platform API: app.space.shield.',
      },
      aws: {
        how: 'TLS listeners on load balancers, HTTPS-only CloudFront distributions, S3 bucket policies that require secure transport, certificates kept current.',
        customerShare: 'Configure listeners, policies and certificates; the defaults do not force TLS everywhere.',
        evidence:
          'Prowler: elb_ssl_listeners, cloudfront_distributions_https_enabled, s3_bucket_secure_transport_policy, acm_certificates_expiration_check.',
      },
      cost: 'No separate cost modelled on either platform.',
      verify: 'Heroku: app.space.shield and your app’s TLS settings. AWS: run the Prowler checks listed.',
      checks: { heroku: ['heroku-tls'], aws: [] },
    },
    {
      id: 'hipaa-key-rotation',
      title: 'Key and credential rotation',
      why: 'Rotating keys and credentials limits how long a leaked secret stays useful.',
      citation: '45 CFR §164.312(a)(2)(iv); §164.308(a)(3)(ii)(C); §164.308(a)(4)(ii)(C)',
      group: 'Encryption',
      heroku: {
        how: "No Heroku key-rotation feature is documented in Heroku's Dev Center.",
        customerShare:
          'Rotate API tokens, database credentials and config-var secrets on a schedule and when people leave.',
        evidence: 'Your own rotation records.',
      },
      aws: {
        how: 'KMS customer-managed key rotation, IAM access keys rotated within 90 days, Secrets Manager automatic rotation.',
        customerShare: 'Turn rotation on and retire unused keys.',
        evidence:
          'Prowler: kms_cmk_rotation_enabled, iam_rotate_access_key_90_days, secretsmanager_automatic_rotation_enabled.',
      },
      cost: 'AWS: KMS {aws.kms.key}; Secrets Manager {aws.secrets-manager.secret} plus {aws.secrets-manager.requests}. Heroku: none modelled.',
      verify: 'Heroku: your rotation log. AWS: run the Prowler checks listed.',
      unconfirmed: 'Heroku key-rotation features.',
      checks: { heroku: [], aws: ['aws-kms'] },
    },
    {
      id: 'hipaa-mfa',
      title: 'Multi-factor authentication for everyone with access',
      why: 'A stolen password alone must not open the systems that hold PHI.',
      citation: '45 CFR §164.312(d)',
      group: 'Access',
      heroku: {
        how: 'Two-factor authentication on every Heroku account with access to PHI apps.',
        customerShare: 'Require two-factor authentication for every team member and the token owner.',
        evidence: 'Platform API: account.two_factor_authentication and team-member.two_factor_authentication.',
      },
      aws: {
        how: 'MFA on the root user (hardware MFA preferred) and on every IAM user with console access.',
        customerShare: 'Enable and enforce MFA.',
        evidence: 'Prowler: iam_root_mfa_enabled, iam_root_hardware_mfa_enabled, iam_user_mfa_enabled_console_access.',
      },
      cost: 'None modelled.',
      verify:
        'Heroku: GET /teams/{team}/members, every member has two_factor_authentication = true. AWS: run the Prowler checks listed.',
      unconfirmed: 'Heroku options to enforce MFA or SSO.',
      checks: { heroku: ['heroku-mfa'], aws: [] },
    },
    {
      id: 'hipaa-access-control',
      title: 'Least-privilege access; nothing publicly exposed',
      why: 'People and services should reach only the PHI their job needs, and nothing holding PHI should face the internet by accident.',
      citation: '45 CFR §164.312(a)(1); §164.308(a)(4)',
      group: 'Access',
      heroku: {
        how: 'Private Space network isolation and trusted IP ranges; team roles (admin, collaborator, member, owner).',
        customerShare: 'Give each member the narrowest role; review admins and owners regularly.',
        evidence: 'Platform API: team-member.role.',
      },
      aws: {
        how: 'Least-privilege IAM policies; no public IPs on instances; RDS not publicly accessible; S3 public access blocked.',
        customerShare: 'Write and review IAM policies, security groups and bucket policies.',
        evidence:
          'Prowler: iam_*_no_administrative_privileges, ec2_instance_public_ip, rds_instance_no_public_access, s3_bucket_public_access.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: review team roles. AWS: run the Prowler checks listed.',
      checks: { heroku: ['heroku-roles'], aws: [] },
    },
    {
      id: 'hipaa-unique-ids',
      title: 'Unique user IDs; no root access keys',
      why: 'Every action on PHI must be traceable to one person.',
      citation: '45 CFR §164.312(a)(2)(i)',
      group: 'Access',
      heroku: {
        how: 'Per-user Heroku accounts, no shared logins (inference).',
        customerShare: 'One account per person; no shared credentials or shared API tokens.',
        evidence: 'The team member list.',
      },
      aws: {
        how: 'One IAM identity per person; no access keys on the root user.',
        customerShare: 'Delete root access keys; do not share IAM users.',
        evidence: 'Prowler: iam_no_root_access_key.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: the team member list matches your staff list. AWS: run iam_no_root_access_key.',
      unconfirmed: 'The Heroku equivalent is an inference.',
      checks: { heroku: [], aws: [] },
    },
    {
      id: 'hipaa-password-policy',
      title: 'Password policy',
      why: 'Weak or reused passwords are the easiest way in.',
      citation: '45 CFR §164.308(a)(5)(ii)(D)',
      group: 'Access',
      heroku: {
        how: "No Heroku password-policy setting is documented in Heroku's Dev Center.",
        customerShare: 'Set a password policy for your staff and rely on two-factor authentication.',
        evidence: 'Your written policy.',
      },
      aws: {
        how: 'IAM account password policy: minimum length 14, no reuse of the last 24.',
        customerShare: 'Set the account password policy.',
        evidence: 'Prowler: iam_password_policy_minimum_length_14, iam_password_policy_reuse_24.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: your policy document. AWS: run the Prowler checks listed.',
      checks: { heroku: [], aws: [] },
    },
    {
      id: 'hipaa-audit-logs',
      title: 'Audit logs, integrity-protected and retained',
      why: 'Without logs you cannot tell who touched PHI, or prove that nobody did.',
      citation: '45 CFR §164.312(b); §164.308(a)(1)(ii)(D)',
      group: 'Logging and detection',
      heroku: {
        how: 'Private Space Logging (a space-level log drain); in Shield spaces every keystroke typed into heroku run sessions is logged.',
        customerShare: 'Drain logs to a store you retain and protect, and review them.',
        evidence: 'The space’s log drain configuration and the log store’s retention settings.',
      },
      aws: {
        how: 'CloudTrail in all regions with log-file validation; VPC Flow Logs; CloudWatch log groups with a retention period.',
        customerShare: 'Create the trail, protect the bucket, set retention, review the logs.',
        evidence:
          'Prowler: cloudtrail_multi_region_enabled, cloudtrail_log_file_validation_enabled, vpc_flow_logs_enabled, cloudwatch_log_group_retention_policy_specific_days_enabled.',
      },
      cost: 'AWS: CloudTrail {aws.cloudtrail.management-copy} for additional copies of management events, {aws.cloudtrail.data-events} for data events; CloudWatch Logs for the estimate’s log volume. Heroku: a log-drain destination (add-on or your own).',
      verify: 'Heroku: check the space’s log drain. AWS: run the Prowler checks listed.',
      unconfirmed: 'That the first CloudTrail copy of management events is free.',
      checks: { heroku: ['heroku-space-logging'], aws: ['aws-cloudtrail'] },
    },
    {
      id: 'hipaa-threat-detection',
      title: 'Threat detection and incident response',
      why: 'Security incidents have to be noticed, handled and documented.',
      citation: '45 CFR §164.308(a)(6); §164.308(a)(8); §164.308(a)(5)(ii)(C)',
      group: 'Logging and detection',
      heroku: {
        how: "No Heroku threat-detection service is documented in Heroku's Dev Center.",
        customerShare: 'Alert on drained logs (failed logins, unusual access) and keep an incident response plan.',
        evidence: 'Your alert rules and incident records.',
      },
      aws: {
        how: 'GuardDuty, Security Hub, CloudWatch alarms on authentication failures and VPC changes.',
        customerShare: 'Enable GuardDuty in every region in use and act on its findings.',
        evidence:
          'Prowler: guardduty_is_enabled, securityhub_enabled, cloudwatch_log_metric_filter_authentication_failures, cloudwatch_changes_to_vpcs_alarm_configured.',
      },
      cost: 'AWS: GuardDuty, for CloudTrail management events about {aws.guardduty.events}, for VPC Flow and DNS logs about {aws.guardduty.logs} (approximate); 30-day free trial per Region.',
      verify: 'Heroku: your alerting setup. AWS: run the Prowler checks listed.',
      checks: { heroku: [], aws: ['aws-guardduty'] },
    },
    {
      id: 'hipaa-backup-dr',
      title: 'Backups, disaster recovery and emergency access',
      why: 'PHI must stay available and recoverable after a failure or a mistake.',
      citation: '45 CFR §164.308(a)(7); §164.312(a)(2)(ii)',
      group: 'Resilience',
      heroku: {
        how: 'Premium, Private and Shield Postgres are HA (< 15 min/month downtime tolerance, 1-week rollback); Standard has 4-day rollback and no HA; Essential has neither.',
        customerShare: 'Choose an HA plan for PHI, take and test backups, and keep a recovery plan.',
        evidence: 'Postgres plan tier from the Platform API.',
      },
      aws: {
        how: 'RDS automated backups and Multi-AZ; AWS Backup plans for EBS, RDS and EFS.',
        customerShare: 'Turn on backups and Multi-AZ; test restores.',
        evidence:
          'Prowler: rds_instance_backup_enabled, rds_instance_multi_az, dynamodb_tables_pitr_enabled, efs_have_backup_enabled.',
      },
      cost: 'Heroku: a Premium or Shield Postgres plan instead of Standard (see the estimate). AWS: Multi-AZ RDS, about twice Single-AZ (the estimate prices it when HA is on), backup storage beyond the free amount {aws.rds.backup}, AWS Backup.',
      verify:
        'Heroku: the Postgres plan tier; run a restore drill. AWS: run the Prowler checks listed; run a restore drill.',
      unconfirmed: 'Heroku Postgres backup details; AWS Backup HIPAA eligibility and us-east-1 rates.',
      checks: { heroku: ['heroku-postgres-ha'], aws: ['aws-rds-multi-az', 'aws-backup'] },
    },
    {
      id: 'hipaa-patching',
      title: 'Patching and malware protection',
      why: 'Known vulnerabilities left unpatched are how most breaches start.',
      citation: '45 CFR §164.308(a)(5)(ii)(B)',
      group: 'Governance',
      heroku: {
        how: 'The platform manages the operating system and runtime stack (inference).',
        customerShare: 'Keep your app’s dependencies and buildpacks up to date.',
        evidence: 'Your dependency-update records.',
      },
      aws: {
        how: 'Instances managed and patched by Systems Manager.',
        customerShare: 'Patch instances, images and containers.',
        evidence: 'Prowler: ssm_managed_compliant_patching, ec2_instance_managed_by_ssm.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: dependency audit. AWS: run the Prowler checks listed.',
      unconfirmed: 'Heroku’s share of patching is an inference.',
      checks: { heroku: [], aws: [] },
    },
    {
      id: 'hipaa-risk-analysis',
      title: 'Risk analysis and configuration inventory',
      why: 'The Security Rule starts from an accurate, current assessment of risks to PHI.',
      citation: '45 CFR §164.308(a)(1)(ii)(A)',
      group: 'Governance',
      heroku: {
        how: 'Heroku documents its side of shared responsibility in the CSA CAIQ and a Security Runbook.',
        customerShare: 'Write and update the risk analysis for your apps, data and people.',
        evidence: 'Your risk analysis; Heroku’s CAIQ from the Salesforce Trust site.',
      },
      aws: {
        how: 'AWS Config recorder in all regions for a configuration inventory; GuardDuty findings inform the analysis.',
        customerShare: 'Write and update the risk analysis; keep Config recording.',
        evidence: 'Prowler: config_recorder_all_regions_enabled (Prowler also maps guardduty_is_enabled here).',
      },
      cost: 'AWS Config: not in the price catalog (unpriced). Heroku: none modelled.',
      verify: 'Both: a dated risk analysis reviewed this year. AWS: run config_recorder_all_regions_enabled.',
      checks: { heroku: [], aws: [] },
    },
  ],
};
