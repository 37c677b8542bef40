/**
 * The sources behind the catalog, as cited in `reference/pricing.md` §7. `asOf` is the date the source
 * says its figure was current. Sources that carry no date of their own are dated 2026-10-02, the newest
 * read date recorded in pricing.md, and say "undated" in their label.
 */
export interface Source {
  label: string;
  asOf: string;
}

const UNDATED_READ_ON = '2026-10-02';

export const SOURCES = {
  herokuCli: { label: 'Heroku CLI ps:type price map (H-B)', asOf: '2026-08-04' },
  herokuBilling: { label: 'Heroku Dev Center, Usage & Billing (H-D)', asOf: '2024-10-11' },
  herokuKvsPage: { label: 'Heroku Dev Center, Key-Value Store ("mini $3/month")', asOf: '2024-12-04' },
  herokuKvsSpecs: { label: 'Heroku Dev Center, KVS Technical Characterization: no public price', asOf: '2024-10-11' },
  renderMapping: {
    label: "Render's Heroku-to-Render mapping (R4ph-t/rails-complete; secondary, undated)",
    asOf: UNDATED_READ_ON,
  },
  herokuShieldSpace: {
    label: 'Heroku Dev Center, Shield Private Spaces: "consult your Account Executive" (no public price)',
    asOf: '2024-10-11',
  },
  herokuPrivateSpace: { label: 'Heroku Dev Center, Private Spaces: no public price', asOf: '2024-12-12' },
  herokuPostgresContract: {
    label: 'Heroku Dev Center, Choosing the Right Heroku Postgres Plan: no public price for Private/Shield',
    asOf: '2024-12-13',
  },
  karpenter: { label: 'AWS Price List via Karpenter table (P1)', asOf: '2026-07-20' },
  infracostEcs: {
    label: 'Infracost golden ecs_service_test (P2), cross-checked with Vantage (P3)',
    asOf: '2025-07-07',
  },
  infracostDbInstance: { label: 'Infracost golden db_instance_test (P2)', asOf: '2026-05-03' },
  infracost2024: { label: 'Infracost golden tests (P2)', asOf: '2024-07-01' },
  infracostDataTransfer: { label: 'Infracost golden data_transfer_test (P2)', asOf: '2024-09-25' },
  infracostBackupUsWest: {
    label: 'Infracost golden backup_vault_test (P2), us-west-1 value: us-east-1 rate unconfirmed',
    asOf: '2024-07-01',
  },
  infratally: { label: 'infratally.com RDS pricing 2026 (P5; undated)', asOf: UNDATED_READ_ON },
  gitlabIssue: { label: 'GitLab environment toolkit issue #236 (P6; undated)', asOf: UNDATED_READ_ON },
  thirdPartyTs: { label: 'Third-party TypeScript pricing constants (P9; undated, unconfirmed)', asOf: UNDATED_READ_ON },
  priceListTable: { label: 'AWS Price List via a third-party table (P4)', asOf: '2026-10-02' },
  vantageFargate: { label: 'Vantage Fargate pricing (P3; undated)', asOf: UNDATED_READ_ON },
  factualMinds: { label: 'FactualMinds GuardDuty pricing (P7), approximate', asOf: '2026-06-13' },
} as const satisfies Record<string, Source>;
