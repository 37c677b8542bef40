import type { Framework } from '../types';

/**
 * PCI DSS v4.0.1 hosting basics: v4.0.1 (June 2024) is a limited revision that keeps v4.0's
 * requirement numbers, and the only version in force since v4.0 was retired on 31 December 2024
 * (docs/references.md#compliance). Requirement numbers 1.2.5, 3.5.1, 3.7.4, 3.7.5, 4.2.1, 8.4.1 and
 * 10.2.1 come from Prowler's `pci_4.0_aws.json`; every other number is marked unconfirmed on its
 * control. Heroku's PCI status is unconfirmed: never state a level.
 */
const OTHER_NUMBERS = 'unconfirmed: check the number against the PCI DSS v4.0.1 text (PCI SSC document library).';

export const PCI_DSS: Framework = {
  id: 'pci',
  name: 'PCI DSS',
  version: 'v4.0.1',
  scope: 'Protecting payment card data (the cardholder data environment) and the systems that can reach it.',
  aliases: [
    'pci',
    'pci-dss',
    'pcidss',
    'pci-dss-4',
    'pci-dss-v4',
    'pci-dss-4.0',
    'pci-dss-v4.0',
    'pci-dss-4.0.1',
    'pci-dss-v4.0.1',
  ],
  groups: ['Scope', 'Network', 'Data protection', 'Access', 'Logging and testing', 'Maintenance'],
  controls: [
    {
      id: 'pci-saq-a',
      title: 'Keep card data off your servers (the SAQ A route)',
      why: 'If a payment provider validated for PCI DSS collects card numbers on its own hosted page or iframe, your apps never store, process or transmit them, and your assessment shrinks to the short SAQ A questionnaire.',
      citation: 'PCI DSS v4.0.1 Self-Assessment Questionnaire A; Req. 12.8 (third-party service providers)',
      group: 'Scope',
      heroku: {
        how: 'Use the provider’s hosted payment page, redirect or iframe, and store only its tokens: card numbers then never reach dynos, Postgres or logs, and Heroku’s own PCI status matters far less.',
        customerShare:
          'Make sure no card number reaches your app, logs or error tracker; keep the provider’s Attestation of Compliance on file; protect the page that loads the payment form.',
        evidence:
          'The provider’s Attestation of Compliance; a data-flow diagram showing card data going only to the provider.',
      },
      aws: {
        how: 'The same route: hosted page, redirect or iframe, tokens only. If you do keep card data, AWS’s Level 1 Service Provider status covers AWS’s part.',
        customerShare:
          'Make sure no card number reaches your app, logs or error tracker; keep the provider’s Attestation of Compliance on file.',
        evidence: 'The provider’s Attestation of Compliance; a data-flow diagram.',
      },
      cost: 'Outside the cost model: the payment provider’s fees. It can remove the need for Private Spaces or a separate cardholder-data environment.',
      verify:
        'Trace every path a card number could take (forms, APIs, logs, support tools): each must end at the provider, not on your servers.',
      unconfirmed: `SAQ A eligibility criteria are unconfirmed (third-party guides recommend tokenization to keep card data out of scope): confirm with the PCI SSC SAQ A document and your acquirer. Req. 12.8 is ${OTHER_NUMBERS}`,
      checks: { heroku: [], aws: [] },
    },
    {
      id: 'pci-provider-status',
      title: 'Hosting provider’s PCI DSS status and the responsibility split',
      why: 'You can rely on a hosting provider only for the requirements its own assessment covers; everything else stays with you.',
      citation: 'PCI DSS v4.0.1 Req. 12.8 (third-party service providers)',
      group: 'Scope',
      heroku: {
        how: 'PCI status: check the Salesforce Trust/compliance docs. No public statement found says Heroku is a PCI DSS service provider for customer cardholder data. Add-on plans can declare "PCI" in plan.compliance.',
        customerShare:
          'Get Salesforce’s current PCI documentation before any card data goes on Heroku; otherwise take the SAQ A route.',
        evidence:
          'Documents from the Salesforce Trust site or a compliance-document request; plan.compliance of each add-on.',
      },
      aws: {
        how: 'AWS is certified as a PCI DSS Level 1 Service Provider (assessor: Coalfire Systems Inc.). The Attestation of Compliance and the Responsibility Summary are in AWS Artifact; in-scope services are on the PCI tab of “AWS Services in Scope by Compliance Program”.',
        customerShare:
          'Use only in-scope services for card data, and do everything the Responsibility Summary leaves to the customer.',
        evidence: 'The AOC and the Responsibility Summary from AWS Artifact.',
      },
      cost: 'None modelled.',
      verify:
        'Heroku: ask Salesforce through the Trust site for current PCI documents. AWS: download the AOC and Responsibility Summary from AWS Artifact.',
      unconfirmed: `Heroku’s PCI DSS status. Req. 12.8 is ${OTHER_NUMBERS}`,
      checks: { heroku: ['heroku-pci-status', 'heroku-addon-pci'], aws: [] },
    },
    {
      id: 'pci-network-segmentation',
      title: 'Network security controls around the cardholder data environment',
      why: 'Without segmentation, every system that can reach card data is in scope for the whole standard.',
      citation: 'PCI DSS v4.0.1 Req. 1.2.5; 1.3',
      group: 'Network',
      heroku: {
        how: 'Private Spaces (network isolation, trusted IP ranges) or Shield Private Spaces. Heroku rates the Common Runtime for “low to moderately sensitive” data and Private Spaces for “moderate to high”.',
        customerShare:
          'Run the apps that handle card data in a Private or Shield Space, restrict its trusted IP ranges, and keep other apps out of that space.',
        evidence: 'Platform API: app.space is set (and space.shield) for each app that handles card data.',
      },
      aws: {
        how: 'A VPC with private subnets; security groups with no ingress from the internet to all ports; WAF ACLs on API Gateway and load balancers (Prowler maps these to PCI DSS 3.2.1 Req. 1.1).',
        customerShare: 'Design and maintain the VPC, security groups and network ACLs.',
        evidence:
          'Prowler: ec2_securitygroup_allow_ingress_from_internet_to_all_ports; elb_ssl_listeners (mapped to 1.2.5).',
      },
      cost: 'Heroku: the Private Space fee (no public price, an input) plus private-* dynos (list from {heroku.dyno.private-s} for private-s; contract-priced under Enterprise). AWS: the NAT gateway and load balancer already in the estimate.',
      verify: 'Heroku: GET /apps/{app} shows a space for each such app. AWS: run the Prowler checks listed.',
      unconfirmed: `Req. 1.3 is ${OTHER_NUMBERS}`,
      checks: { heroku: ['heroku-private-space'], aws: [] },
    },
    {
      id: 'pci-waf',
      title: 'Web application firewall in front of public web apps',
      why: 'Public web apps in scope are attacked constantly; an automated filter blocks common attacks before they reach the app.',
      citation: 'PCI DSS v4.0.1 Req. 6.4.2; v3.2.1 Req. 1.1 (Prowler’s WAF checks)',
      group: 'Network',
      heroku: {
        how: "No Heroku WAF is documented in Heroku's Dev Center: put a WAF or CDN service in front of the app.",
        customerShare: 'Choose, configure and monitor the WAF.',
        evidence: 'The WAF’s configuration and logs.',
      },
      aws: {
        how: 'AWS WAF web ACLs on the Application Load Balancer, API Gateway or CloudFront.',
        customerShare: 'Attach web ACLs, choose rules, review blocked requests.',
        evidence: 'Prowler (PCI DSS 3.2.1 Req. 1.1): apigateway_restapi_waf_acl_attached, elbv2_waf_acl_attached.',
      },
      cost: 'AWS WAF {aws.waf.web-acl} + {aws.waf.rule} + {aws.waf.requests}. Heroku: a third-party WAF (not in the cost model).',
      verify: 'Heroku: confirm traffic passes through the WAF. AWS: run the Prowler checks listed.',
      unconfirmed: `Which WAF add-ons or CDNs suit Heroku is unconfirmed. Req. 6.4.2 is ${OTHER_NUMBERS}`,
      checks: { heroku: [], aws: ['aws-waf'] },
    },
    {
      id: 'pci-stored-data',
      title: 'Stored card numbers are unreadable',
      why: 'A primary account number (PAN) stored in clear text is the breach PCI DSS exists to prevent.',
      citation: 'PCI DSS v4.0.1 Req. 3.5.1',
      group: 'Data protection',
      heroku: {
        how: 'Heroku Postgres disk encryption (every tier) protects the disk, not the PAN from anyone with database credentials: encrypt or tokenise PAN in the application.',
        customerShare:
          'Do not store PAN; if you must, encrypt or tokenise it in the app and keep keys apart from the data.',
        evidence: 'Your data inventory and the app’s encryption code.',
      },
      aws: {
        how: 'RDS storage encryption and S3 default encryption with KMS keys; encrypted API Gateway caches.',
        customerShare: 'Turn encryption on; encrypt or tokenise PAN in the application as well.',
        evidence: 'Prowler (3.5.1.1): apigateway_restapi_cache_encrypted; rds_instance_storage_encrypted.',
      },
      cost: 'AWS: KMS {aws.kms.key} plus {aws.kms.requests}. Heroku: none modelled.',
      verify: 'Search databases, logs and backups for card numbers; review how PAN is encrypted.',
      checks: { heroku: [], aws: ['aws-kms'] },
    },
    {
      id: 'pci-key-management',
      title: 'Cryptographic key management and rotation',
      why: 'Encryption is only as strong as the protection and rotation of its keys.',
      citation: 'PCI DSS v4.0.1 Req. 3.7.4; 3.7.5',
      group: 'Data protection',
      heroku: {
        how: "No Heroku key-rotation feature is documented in Heroku's Dev Center.",
        customerShare: 'Manage and rotate the keys your app uses to encrypt PAN.',
        evidence: 'Your key-management procedure and rotation records.',
      },
      aws: {
        how: 'KMS customer-managed keys with rotation enabled.',
        customerShare: 'Enable rotation and retire old keys.',
        evidence: 'Prowler: kms_cmk_rotation_enabled.',
      },
      cost: 'AWS: KMS {aws.kms.key}. Heroku: none modelled.',
      verify: 'Heroku: your rotation log. AWS: run kms_cmk_rotation_enabled.',
      unconfirmed: 'Heroku key-rotation features.',
      checks: { heroku: [], aws: ['aws-kms'] },
    },
    {
      id: 'pci-transmission',
      title: 'Strong cryptography in transit',
      why: 'Card data crossing public networks must not be readable on the way.',
      citation: 'PCI DSS v4.0.1 Req. 4.2.1',
      group: 'Data protection',
      heroku: {
        how: 'Shield Private Spaces refuse TLS 1.0; every Key-Value Store plan requires TLS.',
        customerShare: 'Serve only HTTPS with current TLS versions; connect to every service over TLS.',
        evidence: 'Platform API: app.space.shield; your TLS configuration.',
      },
      aws: {
        how: 'TLS listeners on load balancers with current certificates.',
        customerShare: 'Configure listeners and TLS policies.',
        evidence: 'Prowler (4.2.1.1): elb_ssl_listeners.',
      },
      cost: 'No separate cost modelled.',
      verify: 'Scan public endpoints for the TLS versions they accept.',
      checks: { heroku: ['heroku-tls'], aws: [] },
    },
    {
      id: 'pci-mfa',
      title: 'Multi-factor authentication',
      why: 'Access to systems in scope must need more than a password.',
      citation: 'PCI DSS v4.0.1 Req. 8.4.1',
      group: 'Access',
      heroku: {
        how: 'Two-factor authentication on every Heroku account with access.',
        customerShare: 'Require two-factor authentication for every team member.',
        evidence: 'Platform API: account.two_factor_authentication and team-member.two_factor_authentication.',
      },
      aws: {
        how: 'MFA for every IAM user with console access and for the root user.',
        customerShare: 'Enable and enforce MFA.',
        evidence: 'Prowler (8.4.1.1): iam_user_mfa_enabled_console_access.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: GET /teams/{team}/members. AWS: run iam_user_mfa_enabled_console_access.',
      unconfirmed: 'Heroku options to enforce MFA or SSO.',
      checks: { heroku: ['heroku-mfa'], aws: [] },
    },
    {
      id: 'pci-access-control',
      title: 'Access limited by business need to know',
      why: 'Fewer people with access to card data means fewer ways to lose it.',
      citation: 'PCI DSS v4.0.1 Req. 7',
      group: 'Access',
      heroku: {
        how: 'Team roles (admin, collaborator, member, owner) and Private Space trusted IP ranges.',
        customerShare: 'Give the narrowest role; review admins and owners.',
        evidence: 'Platform API: team-member.role.',
      },
      aws: {
        how: 'Least-privilege IAM policies.',
        customerShare: 'Write and review IAM policies.',
        evidence: 'Prowler: iam_*_no_administrative_privileges.',
      },
      cost: 'None modelled.',
      verify: 'Review roles and policies against a written access list.',
      unconfirmed: `Req. 7 sub-requirement numbers are ${OTHER_NUMBERS}`,
      checks: { heroku: ['heroku-roles'], aws: [] },
    },
    {
      id: 'pci-audit-logs',
      title: 'Audit logs of all access',
      why: 'Logs are how a compromise of card data is detected and investigated.',
      citation: 'PCI DSS v4.0.1 Req. 10.2.1; 10.5.1 (retention)',
      group: 'Logging and testing',
      heroku: {
        how: 'Private Space Logging (a space-level log drain); keystroke logging of heroku run sessions in Shield spaces.',
        customerShare: 'Drain logs to a protected store, retain them, review them.',
        evidence: 'The log drain configuration and the store’s retention settings.',
      },
      aws: {
        how: 'CloudTrail, API Gateway access logs, CloudWatch log retention.',
        customerShare: 'Turn logging on, protect it, set retention, review.',
        evidence: 'Prowler (10.2.1.1): apigatewayv2_api_access_logging_enabled; cloudtrail_multi_region_enabled.',
      },
      cost: 'AWS: CloudTrail {aws.cloudtrail.management-copy} for additional copies of management events, {aws.cloudtrail.data-events} for data events; CloudWatch Logs {aws.cloudwatch.logs.ingest} ingested. Heroku: a log-drain destination.',
      verify: 'Heroku: check the log drain. AWS: run the Prowler checks listed.',
      unconfirmed: `Req. 10.5.1 is ${OTHER_NUMBERS} That the first CloudTrail copy of management events is free.`,
      checks: { heroku: ['heroku-space-logging'], aws: ['aws-cloudtrail'] },
    },
    {
      id: 'pci-intrusion-detection',
      title: 'Intrusion detection',
      why: 'Attacks on the cardholder data environment must be noticed while they happen.',
      citation: 'PCI DSS v4.0.1 Req. 11.5.1',
      group: 'Logging and testing',
      heroku: {
        how: "No Heroku intrusion-detection service is documented in Heroku's Dev Center.",
        customerShare: 'Alert on drained logs and WAF events.',
        evidence: 'Your alert rules.',
      },
      aws: {
        how: 'GuardDuty threat detection.',
        customerShare: 'Enable GuardDuty in every region in use and act on findings.',
        evidence: 'Prowler: guardduty_is_enabled.',
      },
      cost: 'AWS: GuardDuty, for CloudTrail management events about {aws.guardduty.events}, for VPC Flow and DNS logs about {aws.guardduty.logs} (approximate); 30-day free trial per Region.',
      verify: 'Heroku: your alerting. AWS: run guardduty_is_enabled.',
      unconfirmed: `Req. 11.5.1 is ${OTHER_NUMBERS} The mapping of GuardDuty to it is ours.`,
      checks: { heroku: [], aws: ['aws-guardduty'] },
    },
    {
      id: 'pci-vulnerability-scans',
      title: 'Vulnerability scans',
      why: 'Regular internal and external scans catch exposures before attackers do.',
      citation: 'PCI DSS v4.0.1 Req. 11.3.1; 11.3.2',
      group: 'Logging and testing',
      heroku: {
        how: "No Heroku scanning service is documented in Heroku's Dev Center.",
        customerShare: 'Scan your apps; use an Approved Scanning Vendor for external scans.',
        evidence: 'Scan reports.',
      },
      aws: {
        how: 'Amazon Inspector scans EC2 instances and container images for known software vulnerabilities (internal scans); external scans need a PCI SSC Approved Scanning Vendor.',
        customerShare: 'Scan your instances and apps; use an Approved Scanning Vendor for external scans.',
        evidence: 'Scan reports.',
      },
      cost: 'Outside the cost model.',
      verify: 'Keep each quarter’s scan reports.',
      unconfirmed: `Req. 11.3.1 and 11.3.2 are ${OTHER_NUMBERS}`,
      checks: { heroku: [], aws: [] },
    },
    {
      id: 'pci-patching',
      title: 'Security patches',
      why: 'Known vulnerabilities in systems in scope must be fixed quickly.',
      citation: 'PCI DSS v4.0.1 Req. 6.3.3',
      group: 'Maintenance',
      heroku: {
        how: 'The platform manages the operating system and runtime stack (inference).',
        customerShare: 'Keep your app’s dependencies and buildpacks up to date.',
        evidence: 'Dependency-update records.',
      },
      aws: {
        how: 'Instances managed and patched by Systems Manager.',
        customerShare: 'Patch instances, images and containers.',
        evidence: 'Prowler: ssm_managed_compliant_patching, ec2_instance_managed_by_ssm.',
      },
      cost: 'None modelled.',
      verify: 'Heroku: dependency audit. AWS: run the Prowler checks listed.',
      unconfirmed: `Heroku’s share of patching is an inference. Req. 6.3.3 is ${OTHER_NUMBERS}`,
      checks: { heroku: [], aws: [] },
    },
  ],
};
