/**
 * The sources behind the bundled catalog, named in words a finance reader recognises. `asOf` is the
 * date the source says its figure was current; sources with no date of their own carry the date they
 * were read and say "undated". Third-party sources say so in their label.
 */
export interface Source {
  label: string;
  asOf: string;
}

const UNDATED_READ_ON = '2026-10-02';
/** The day the corrections of this release were checked against the figures AWS publishes. */
const CHECKED_ON = '2026-12-05';
/** The day AWS's own pricing pages for KMS and CloudTrail were read (docs/decisions.md, "Prices checked against AWS's own pages"). */
const READ_ON_AWS_PAGES = '2026-12-08';

export const SOURCES = {
  herokuCli: { label: "Heroku's published dyno prices (Heroku CLI price list)", asOf: '2026-08-04' },
  herokuBilling: { label: 'Heroku Dev Center, Usage & Billing', asOf: '2024-10-11' },
  herokuKvsPage: { label: 'Heroku Dev Center, Key-Value Store ("mini $3/month")', asOf: '2024-12-04' },
  herokuKvsSpecs: { label: 'Heroku Dev Center, Key-Value Store plans: no public price', asOf: '2024-10-11' },
  herokuKvsNotBundled: {
    label:
      'Heroku Dev Center, Key-Value Store Technical Characterization (the plan; its list price, on Elements, is not in the bundled list: no trusted copy)',
    asOf: '2024-10-11',
  },
  renderMapping: {
    label: "Render's Heroku migration guide (third party, undated)",
    asOf: UNDATED_READ_ON,
  },
  herokuShieldSpace: {
    label: 'Heroku Dev Center, Shield Private Spaces: "consult your Account Executive" (no public price)',
    asOf: '2024-10-11',
  },
  herokuPrivateSpace: { label: 'Heroku Dev Center, Private Spaces: no public price', asOf: '2024-12-12' },
  herokuFirSpace: { label: 'Heroku Dev Center, Fir-generation spaces: no public price', asOf: '2026-08-04' },
  herokuPostgresContract: {
    label: 'Heroku Dev Center, Choosing the Right Heroku Postgres Plan: no public price for Private/Shield',
    asOf: '2024-12-13',
  },
  herokuPostgresAdvanced: {
    label: 'Heroku Postgres Advanced: no public price per compute level',
    asOf: CHECKED_ON,
  },
  awsEc2PriceList: {
    label: "AWS Price List, EC2 on-demand Linux us-east-1 (AWS's Karpenter price table)",
    asOf: '2026-07-20',
  },
  awsRdsPriceList: { label: 'AWS Price List, RDS for PostgreSQL on-demand us-east-1', asOf: CHECKED_ON },
  awsRdsPricingPage: {
    label: 'AWS RDS for PostgreSQL pricing page, us-east-1 (not re-read for this list: unconfirmed)',
    asOf: CHECKED_ON,
  },
  awsElastiCachePriceList: {
    label: 'AWS Price List, ElastiCache on-demand nodes (Redis OSS) us-east-1',
    asOf: CHECKED_ON,
  },
  awsValkeyPricing: {
    label: 'AWS ElastiCache pricing: node-based Valkey is priced 20% below Redis OSS',
    asOf: CHECKED_ON,
  },
  awsDataTransferPriceList: {
    label: 'AWS Price List, data transfer out to the internet us-east-1',
    asOf: CHECKED_ON,
  },
  awsPublicIpv4: {
    label: 'AWS announcement "New AWS Public IPv4 Address Charge" ($0.005 per address-hour from 2024-02-01)',
    asOf: '2024-02-01',
  },
  infracostEcs: {
    label: 'Infracost price tests (third party, from the AWS price lists), cross-checked with Vantage',
    asOf: '2025-07-07',
  },
  infracostDbInstance: { label: 'Infracost price tests (third party, from the AWS price lists)', asOf: '2026-05-03' },
  infracost2024: { label: 'Infracost price tests (third party, from the AWS price lists)', asOf: '2024-07-01' },
  infracostDataTransfer: {
    label: 'Infracost price tests (third party, from the AWS price lists)',
    asOf: '2024-09-25',
  },
  infracostBackupUsWest: {
    label: 'Infracost price tests (third party), us-west-1 value: the us-east-1 rate is unconfirmed',
    asOf: '2024-07-01',
  },
  infratally: { label: 'infratally.com RDS pricing article (third party, undated)', asOf: UNDATED_READ_ON },
  gitlabIssue: { label: 'GitLab environment toolkit issue #236 (third party, undated)', asOf: UNDATED_READ_ON },
  thirdPartyTs: {
    label: 'a third-party pricing table (undated, unconfirmed)',
    asOf: UNDATED_READ_ON,
  },
  priceListTable: {
    label: 'AWS Price List as tabulated by a third party',
    asOf: '2026-10-02',
  },
  vantageFargate: { label: 'Vantage Fargate pricing guide (third party, undated)', asOf: UNDATED_READ_ON },
  awsKmsPricing: {
    label: 'AWS Key Management Service pricing page',
    asOf: READ_ON_AWS_PAGES,
  },
  awsCloudTrailPricing: {
    label: 'AWS CloudTrail pricing page',
    asOf: READ_ON_AWS_PAGES,
  },
  guardDutyPageCopies: {
    label:
      "AWS GuardDuty pricing page's figures as two third parties quote them, in agreement (API Evangelist, FactualMinds)",
    asOf: '2026-10-07',
  },
} as const satisfies Record<string, Source>;
