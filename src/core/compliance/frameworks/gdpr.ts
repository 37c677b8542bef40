import type { Framework } from '../types';

/**
 * GDPR hosting basics. Article 32 asks for measures "appropriate to the risk" rather than named
 * mechanisms, so a failed check is something to look at, never a gap: every control has
 * shortfall 'attention'. Platform specifics are unconfirmed (docs/references.md#compliance).
 */
const NOT_IN_SOURCES =
  'The article cites are from the regulation text (Regulation (EU) 2016/679); platform specifics beyond encryption and HA are unconfirmed.';

export const GDPR: Framework = {
  id: 'gdpr',
  name: 'GDPR',
  version: 'Regulation (EU) 2016/679',
  scope: 'Hosting basics for personal data of people in the EU: processor terms, location, security of processing.',
  aliases: ['gdpr', 'eu-gdpr', 'dsgvo', 'rgpd'],
  groups: ['Contracts and location', 'Security of processing'],
  controls: [
    {
      id: 'gdpr-processor-terms',
      title: 'Data processing terms with the hosting provider',
      why: 'A host that processes personal data for you is a processor: a contract with the Article 28 terms is required.',
      citation: 'GDPR Art. 28',
      group: 'Contracts and location',
      heroku: {
        how: 'Salesforce’s data processing terms.',
        customerShare: 'Confirm the terms apply to your contract and list Heroku in your records of processing.',
        evidence: 'The signed or incorporated data processing terms.',
      },
      aws: {
        how: 'AWS’s data processing terms.',
        customerShare: 'Confirm the terms apply to your account and list AWS in your records of processing.',
        evidence: 'The data processing terms.',
      },
      cost: 'None modelled.',
      verify: 'Find the data processing terms in each provider’s contract documents.',
      unconfirmed: `Where each provider publishes its data processing terms. ${NOT_IN_SOURCES}`,
      checks: { heroku: [], aws: [] },
      shortfall: 'attention',
    },
    {
      id: 'gdpr-data-location',
      title: 'Where personal data is stored and transferred',
      why: 'Transfers of personal data outside the EEA need a legal basis such as adequacy or standard contractual clauses.',
      citation: 'GDPR Art. 44–46',
      group: 'Contracts and location',
      heroku: {
        how: 'The region of each app, space and data add-on decides where data lives.',
        customerShare: 'Choose regions deliberately and document any transfer outside the EEA.',
        evidence: 'Each app’s and space’s region from the Platform API.',
      },
      aws: {
        how: 'The region of each resource decides where data lives.',
        customerShare: 'Choose regions deliberately and document any transfer outside the EEA.',
        evidence: 'The regions with resources (Cost Explorer can group spend by REGION).',
      },
      cost: 'Prices differ by region; the cost model prices us-east-1.',
      verify: 'List every region holding personal data and the transfer basis for each non-EEA one.',
      unconfirmed: `Heroku’s and AWS’s EU regions and transfer mechanisms. ${NOT_IN_SOURCES}`,
      checks: { heroku: [], aws: [] },
      shortfall: 'attention',
    },
    {
      id: 'gdpr-encryption',
      title: 'Encryption of personal data',
      why: 'Encryption is one of the measures Article 32 names, and it lowers the risk when a breach happens.',
      citation: 'GDPR Art. 32(1)(a)',
      group: 'Security of processing',
      heroku: {
        how: 'Every Heroku Postgres tier has disk encryption; Key-Value Store premium, private and shield plans are encrypted at rest and every plan requires TLS; Shield dynos have an encrypted ephemeral file system.',
        customerShare: 'Pick encrypted plans, serve only HTTPS, keep personal data off dyno disks.',
        evidence: 'Plan tiers from the Platform API.',
      },
      aws: {
        how: 'KMS encryption for RDS, EBS and S3; TLS listeners on load balancers.',
        customerShare: 'Turn encryption on and configure TLS.',
        evidence:
          'Prowler: rds_instance_storage_encrypted, ec2_ebs_default_encryption, s3_bucket_default_encryption, elb_ssl_listeners.',
      },
      cost: 'AWS: KMS {aws.kms.key} plus {aws.kms.requests}. Heroku: part of the plan price.',
      verify: 'Heroku: plan names. AWS: run the Prowler checks listed.',
      unconfirmed: NOT_IN_SOURCES,
      checks: { heroku: ['heroku-data-at-rest', 'heroku-tls'], aws: ['aws-kms'] },
      shortfall: 'attention',
    },
    {
      id: 'gdpr-access-control',
      title: 'Confidentiality: who can reach personal data',
      why: 'Only the people who need personal data should be able to reach it.',
      citation: 'GDPR Art. 32(1)(b)',
      group: 'Security of processing',
      heroku: {
        how: 'Two-factor authentication and team roles.',
        customerShare: 'Require two-factor authentication and review roles.',
        evidence: 'Platform API: team-member.two_factor_authentication and team-member.role.',
      },
      aws: {
        how: 'MFA and least-privilege IAM.',
        customerShare: 'Enforce MFA and review IAM policies.',
        evidence: 'Prowler: iam_user_mfa_enabled_console_access, iam_*_no_administrative_privileges.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: GET /teams/{team}/members. AWS: run the Prowler checks listed.',
      unconfirmed: NOT_IN_SOURCES,
      checks: { heroku: ['heroku-mfa', 'heroku-roles'], aws: [] },
      shortfall: 'attention',
    },
    {
      id: 'gdpr-availability',
      title: 'Availability and timely restore',
      why: 'Article 32 asks for the ability to restore access to personal data in a timely manner after an incident.',
      citation: 'GDPR Art. 32(1)(b)–(c)',
      group: 'Security of processing',
      heroku: {
        how: 'Premium, Private and Shield Postgres are HA with 1-week rollback; Standard has 4-day rollback and no HA; Essential has neither.',
        customerShare: 'Choose a plan that matches the risk; test restores.',
        evidence: 'Postgres plan tier from the Platform API.',
      },
      aws: {
        how: 'RDS Multi-AZ and automated backups; AWS Backup.',
        customerShare: 'Turn on Multi-AZ and backups; test restores.',
        evidence: 'Prowler: rds_instance_multi_az, rds_instance_backup_enabled.',
      },
      cost: 'Heroku: Premium Postgres instead of Standard. AWS: Multi-AZ RDS, about twice Single-AZ.',
      verify: 'Run and record a restore drill.',
      unconfirmed: `Heroku Postgres backup details. ${NOT_IN_SOURCES}`,
      checks: { heroku: ['heroku-postgres-ha'], aws: ['aws-rds-multi-az', 'aws-backup'] },
      shortfall: 'attention',
    },
    {
      id: 'gdpr-breach-detection',
      title: 'Detecting and reporting breaches',
      why: 'A personal data breach must be reported to the supervisory authority within 72 hours of becoming aware of it: you need logs and alerts to become aware.',
      citation: 'GDPR Art. 33; Art. 32(1)(d)',
      group: 'Security of processing',
      heroku: {
        how: 'Log drains (Private Space Logging at space level).',
        customerShare: 'Drain and alert on logs; keep a breach response procedure.',
        evidence: 'The log drain configuration and the procedure.',
      },
      aws: {
        how: 'CloudTrail and GuardDuty.',
        customerShare: 'Turn them on, act on findings, keep a breach response procedure.',
        evidence: 'Prowler: cloudtrail_multi_region_enabled, guardduty_is_enabled.',
      },
      cost: 'AWS: CloudTrail and GuardDuty (see the cost model). Heroku: a log-drain destination.',
      verify: 'Rehearse the breach procedure against your logs.',
      unconfirmed: NOT_IN_SOURCES,
      checks: { heroku: ['heroku-space-logging'], aws: ['aws-cloudtrail', 'aws-guardduty'] },
      shortfall: 'attention',
    },
  ],
};
