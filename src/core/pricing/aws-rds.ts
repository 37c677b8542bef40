import { isPriced, priced, pricedRow } from './price-entry';
import type { PriceRow } from './price-table';
import { SOURCES, type Source } from './sources';

export interface RdsSpec {
  dbClass: string;
  vcpu: number;
  memoryGb: number;
  singleAzKey: string;
  multiAzKey: string;
}

type Listed = [hourly: string, source: Source, confidence: 'secondary' | 'unconfirmed'];

interface ClassRow {
  dbClass: string;
  vcpu: number;
  memoryGb: number;
  singleAz: Listed | { derivedFrom: string; factor: number };
  multiAz?: Listed;
}

const P2 = SOURCES.infracostDbInstance;
const P5 = SOURCES.infratally;
const P6 = SOURCES.gitlabIssue;
const P9 = SOURCES.thirdPartyTs;
const LIST = SOURCES.awsRdsPriceList;
const PAGE = SOURCES.awsRdsPricingPage;

/** Memory-optimised Graviton classes: 8 GiB per vCPU; $/hour Single-AZ of the `.large`, scaling linearly. */
function memoryOptimised(family: 'db.r6g' | 'db.r7g', largeHourly: number): ClassRow[] {
  const sizes: [size: string, scale: number][] = [
    ['large', 1],
    ['xlarge', 2],
    ['2xlarge', 4],
    ['4xlarge', 8],
    ['8xlarge', 16],
    ['12xlarge', 24],
    ['16xlarge', 32],
  ];
  return sizes.map(([size, scale]) => ({
    dbClass: `${family}.${size}`,
    vcpu: 2 * scale,
    memoryGb: 16 * scale,
    singleAz: [(Math.round(largeHourly * scale * 1000) / 1000).toString(), PAGE, 'unconfirmed'],
  }));
}

// RDS for PostgreSQL, us-east-1, on-demand. Multi-AZ is listed where the AWS Price List has been checked
// (it is not always exactly twice Single-AZ: db.t4g.medium is 0.065 vs 0.129); elsewhere it is derived.
const CLASSES: ClassRow[] = [
  {
    dbClass: 'db.t4g.micro',
    vcpu: 2,
    memoryGb: 1,
    singleAz: ['0.016', P5, 'secondary'],
    multiAz: ['0.032', P5, 'secondary'],
  },
  {
    dbClass: 'db.t4g.small',
    vcpu: 2,
    memoryGb: 2,
    singleAz: ['0.032', P5, 'secondary'],
    multiAz: ['0.065', LIST, 'secondary'],
  },
  {
    dbClass: 'db.t4g.medium',
    vcpu: 2,
    memoryGb: 4,
    singleAz: ['0.065', P5, 'secondary'],
    multiAz: ['0.129', LIST, 'secondary'],
  },
  { dbClass: 'db.t4g.large', vcpu: 2, memoryGb: 8, singleAz: ['0.129', P9, 'unconfirmed'] },
  { dbClass: 'db.t3.micro', vcpu: 2, memoryGb: 1, singleAz: ['0.018', P9, 'unconfirmed'] },
  { dbClass: 'db.t3.small', vcpu: 2, memoryGb: 2, singleAz: ['0.036', P9, 'unconfirmed'] },
  {
    dbClass: 'db.t3.medium',
    vcpu: 2,
    memoryGb: 4,
    singleAz: ['0.072', P9, 'unconfirmed'],
    multiAz: ['0.145', LIST, 'secondary'],
  },
  { dbClass: 'db.t3.large', vcpu: 2, memoryGb: 8, singleAz: ['0.145', P2, 'secondary'] },
  {
    dbClass: 'db.m6g.large',
    vcpu: 2,
    memoryGb: 8,
    singleAz: ['0.159', P6, 'secondary'],
    multiAz: ['0.318', P6, 'secondary'],
  },
  { dbClass: 'db.m6g.xlarge', vcpu: 4, memoryGb: 16, singleAz: ['0.318', P9, 'unconfirmed'] },
  { dbClass: 'db.m6g.2xlarge', vcpu: 8, memoryGb: 32, singleAz: ['0.636', P9, 'unconfirmed'] },
  { dbClass: 'db.m6g.4xlarge', vcpu: 16, memoryGb: 64, singleAz: { derivedFrom: 'db.m6g.2xlarge', factor: 2 } },
  { dbClass: 'db.m6g.8xlarge', vcpu: 32, memoryGb: 128, singleAz: { derivedFrom: 'db.m6g.2xlarge', factor: 4 } },
  { dbClass: 'db.m6g.12xlarge', vcpu: 48, memoryGb: 192, singleAz: { derivedFrom: 'db.m6g.2xlarge', factor: 6 } },
  { dbClass: 'db.m6g.16xlarge', vcpu: 64, memoryGb: 256, singleAz: { derivedFrom: 'db.m6g.2xlarge', factor: 8 } },
  { dbClass: 'db.m7g.large', vcpu: 2, memoryGb: 8, singleAz: ['0.168', P9, 'unconfirmed'] },
  { dbClass: 'db.m7g.xlarge', vcpu: 4, memoryGb: 16, singleAz: ['0.337', P9, 'unconfirmed'] },
  { dbClass: 'db.m7g.2xlarge', vcpu: 8, memoryGb: 32, singleAz: ['0.674', P9, 'unconfirmed'] },
  { dbClass: 'db.m7g.4xlarge', vcpu: 16, memoryGb: 64, singleAz: { derivedFrom: 'db.m7g.2xlarge', factor: 2 } },
  { dbClass: 'db.m5.large', vcpu: 2, memoryGb: 8, singleAz: ['0.178', P9, 'unconfirmed'] },
  { dbClass: 'db.m5.xlarge', vcpu: 4, memoryGb: 16, singleAz: ['0.356', P9, 'unconfirmed'] },
  { dbClass: 'db.m5.2xlarge', vcpu: 8, memoryGb: 32, singleAz: { derivedFrom: 'db.m5.xlarge', factor: 2 } },
  { dbClass: 'db.m5.4xlarge', vcpu: 16, memoryGb: 64, singleAz: { derivedFrom: 'db.m5.xlarge', factor: 4 } },
  ...memoryOptimised('db.r6g', 0.225),
  ...memoryOptimised('db.r7g', 0.239),
];

const keyOf = (dbClass: string, deployment: 'single-az' | 'multi-az') => `aws.rds.postgres.${dbClass}.${deployment}`;

export const RDS_CLASSES: readonly RdsSpec[] = CLASSES.map(({ dbClass, vcpu, memoryGb }) => ({
  dbClass,
  vcpu,
  memoryGb,
  singleAzKey: keyOf(dbClass, 'single-az'),
  multiAzKey: keyOf(dbClass, 'multi-az'),
}));

/** An hourly price `factor` times another row's, citing it (`cite` words its source); dated as it is. */
function derivedRow(
  key: string,
  description: string,
  base: PriceRow,
  factor: number,
  cite: (baseSource: string) => string,
): PriceRow {
  const make = () => {
    const from = base.make();
    if (!isPriced(from)) throw new Error(`${key} is derived from ${base.key}, which has no price`);
    const source = { label: cite(from.source), asOf: from.asOf };
    return priced(key, description, from.unitPrice.times(factor).toString(), 'hour', source, 'derived');
  };
  return { key, asOf: base.asOf, priced: true, make };
}

function singleAzRow(row: ClassRow, byClass: Map<string, PriceRow>): PriceRow {
  const key = keyOf(row.dbClass, 'single-az');
  const description = `RDS PostgreSQL ${row.dbClass}, Single-AZ`;
  if (Array.isArray(row.singleAz)) {
    const [hourly, source, confidence] = row.singleAz;
    return pricedRow(key, description, hourly, 'hour', source, confidence);
  }
  const { derivedFrom, factor } = row.singleAz;
  return derivedRow(
    key,
    description,
    byClass.get(derivedFrom)!,
    factor,
    (source) => `Derived: ${factor} × ${derivedFrom} (${source}); RDS sizes scale linearly`,
  );
}

function multiAzRow(row: ClassRow, single: PriceRow): PriceRow {
  const key = keyOf(row.dbClass, 'multi-az');
  const description = `RDS PostgreSQL ${row.dbClass}, Multi-AZ`;
  if (row.multiAz) {
    const [hourly, source, confidence] = row.multiAz;
    return pricedRow(key, description, hourly, 'hour', source, confidence);
  }
  return derivedRow(
    key,
    description,
    single,
    2,
    (source) => `Derived: 2 × Single-AZ (${source}); primary and standby are both billed (AWS RDS user guide)`,
  );
}

function classRows(): PriceRow[] {
  const singles = new Map<string, PriceRow>();
  const rows: PriceRow[] = [];
  for (const row of CLASSES) {
    const single = singleAzRow(row, singles);
    singles.set(row.dbClass, single);
    rows.push(single, multiAzRow(row, single));
  }
  return rows;
}

export const RDS_PRICES: readonly PriceRow[] = [
  ...classRows(),
  pricedRow('aws.rds.storage.gp3.single-az', 'RDS gp3 storage, Single-AZ', '0.115', 'GB-month', P2, 'secondary'),
  pricedRow('aws.rds.storage.gp3.multi-az', 'RDS gp3 storage, Multi-AZ', '0.23', 'GB-month', P2, 'secondary'),
  pricedRow('aws.rds.storage.gp2.single-az', 'RDS gp2 storage, Single-AZ', '0.115', 'GB-month', P2, 'secondary'),
  pricedRow('aws.rds.storage.gp2.multi-az', 'RDS gp2 storage, Multi-AZ', '0.23', 'GB-month', P2, 'secondary'),
  // One key for this price, read live too (aws-price-families.ts) and quoted by the compliance checklists.
  pricedRow(
    'aws.rds.backup',
    'RDS backup storage beyond the free amount (the database storage provisioned)',
    '0.095',
    'GB-month',
    P2,
    'secondary',
  ),
];

/** The smallest storage RDS PostgreSQL provisions on gp2/gp3. */
export const RDS_MIN_STORAGE_GB = 20;
