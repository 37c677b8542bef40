/**
 * A migration answer laid out for people, platform-neutral: titled sections of rows, each with the
 * total of exactly its rows (every amount is shown cents, so the rows foot), the lead sentences, the
 * drivers and the assumptions. Slack and the CLI render the same report; the CLI adds per-app detail.
 */

import { appsNotReadLine } from '../core/apps-not-read';
import {
  addTallies,
  byKind,
  type CostCategory,
  type CostLine,
  currentStaysCheaper,
  type LeftOutKind,
  type LeftOutTally,
  leadSentences,
  type MigrationModel,
  type MigrationTeam,
  NOTHING_LEFT_OUT,
  paybackWithin,
  priceDatesOf,
  priceDatesSpan,
  type TierCost,
  tallyCount,
  tallyOf,
  tallyWords,
  type UnpricedCostLine,
  VERDICT_TIER,
} from '../core/model';
import { andList } from '../core/model/describe';
import { formatUsd, fromCents, type Money, toCents } from '../core/money';
import type { MigrateAnswer } from './migrate';

export interface ReportRow {
  label: string;
  amount: Money;
  /** Items the amount leaves out, by kind: any makes it a lower bound. */
  unpriced?: LeftOutTally;
}

/**
 * A row's figure as every surface shows it: `$5.00/mo`, or with items left out a lower bound named by
 * kind as the estimate's footer names them, `≥ $12,766.00/mo (1 item without a public price and 3 without a
 * monthly price)`: a contract price, a list price the bundled list lacks and an add-on Heroku bills by usage
 * can share a row, and only the first has a contract behind it.
 */
export function rowFigure(row: Pick<ReportRow, 'amount' | 'unpriced'>, once = false): string {
  const money = `${formatUsd(row.amount)}${once ? ' once' : '/mo'}`;
  const words = row.unpriced ? tallyWords(row.unpriced) : '';
  return words ? `≥ ${money} (${words})` : money;
}

export interface ReportSection {
  heading: string;
  description?: string;
  rows: ReportRow[];
  /** The sum of the rows' shown amounts. */
  total: ReportRow;
  /** Items left out of the total, each with its note (what it is and how to supply it). */
  leftOut: string[];
  /** How many of those items are of each kind, in order, so a heading can say who supplies their prices. */
  leftOutKinds: { kind: LeftOutKind; count: number }[];
  /** Paid once, not every month. */
  once?: boolean;
}

export interface MigrateReport {
  title: string;
  lead: string[];
  sections: ReportSection[];
  /** Per-app (or per-workload) sections, for the terminal and `--json` readers. */
  detail: ReportSection[];
  drivers: string[];
  assumptions: string[];
  sources: string[];
}

const NAME = { heroku: 'Heroku', aws: 'AWS' } as const;

const AWS_GROUPS: Partial<Record<CostCategory, string>> = {
  compute: 'Compute (EC2 instances, Fargate tasks, root volumes)',
  database: 'Databases (RDS instances and storage)',
  cache: 'Caches (ElastiCache)',
  network: 'Network (load balancers, NAT gateways, public addresses, data transfer)',
  logging: 'Logs (CloudWatch)',
  security: 'Security and compliance services',
  backup: 'Backups',
  'add-on': 'Add-ons, bought directly from their providers',
};

const HEROKU_GROUPS: Partial<Record<CostCategory, string>> = {
  compute: 'Dynos',
  database: 'Heroku Postgres',
  cache: 'Heroku Key-Value Store',
  platform: 'Space fees',
  'add-on': 'Add-ons',
};

function groupOf(line: CostLine, tier: TierCost): string {
  if (line.item.startsWith('Stays on AWS')) return 'Stays on AWS (no Heroku counterpart), as billed';
  const groups = tier.platform === 'aws' ? AWS_GROUPS : HEROKU_GROUPS;
  return groups[line.category] ?? line.category;
}

const sumRows = (rows: readonly ReportRow[]): Money => fromCents(rows.reduce((sum, r) => sum + toCents(r.amount), 0));
const sumUnpriced = (rows: readonly ReportRow[]): LeftOutTally =>
  rows.reduce((sum, r) => addTallies(sum, r.unpriced ?? NOTHING_LEFT_OUT), NOTHING_LEFT_OUT);
/** An amount and, when it leaves any out, how many items of each kind. */
const counted = (amount: Money, unpriced: LeftOutTally): Pick<ReportRow, 'amount' | 'unpriced'> => ({
  amount,
  ...(tallyCount(unpriced) > 0 ? { unpriced } : {}),
});

function section(
  heading: string,
  rows: ReportRow[],
  totalLabel: string,
  extra: Partial<ReportSection> = {},
): ReportSection {
  return {
    heading,
    rows,
    total: { label: totalLabel, ...counted(sumRows(rows), sumUnpriced(rows)) },
    leftOut: [],
    leftOutKinds: [],
    ...extra,
  };
}

/** The largest `most` rows, then one row for the rest, so the rows still foot. */
function capped(rows: ReportRow[], most: number, what: string): ReportRow[] {
  if (rows.length <= most) return rows;
  const sorted = [...rows].sort((a, b) => b.amount.comparedTo(a.amount) || a.label.localeCompare(b.label));
  const rest = sorted.slice(most - 1);
  return [
    ...sorted.slice(0, most - 1),
    { label: `${rest.length} more ${what}`, ...counted(sumRows(rest), sumUnpriced(rest)) },
  ];
}

function capList(items: readonly string[], most: number, more: (n: number) => string): string[] {
  return items.length <= most ? [...items] : [...items.slice(0, most - 1), more(items.length - most + 1)];
}

/** What a side leaves out: each item with its note, and the kinds among them. */
const leftOut = (tier: Pick<TierCost, 'unpriced'>): Pick<ReportSection, 'leftOut' | 'leftOutKinds'> => ({
  leftOut: tier.unpriced.map((l) => `${l.item}: ${l.note}`),
  leftOutKinds: byKind(tier.unpriced).map(({ kind, lines }) => ({ kind, count: lines.length })),
});

function tierSection(tier: TierCost): ReportSection {
  const groups = new Map<string, { cents: number; unpriced: UnpricedCostLine[] }>();
  // Unpriced lines count in their group too: a group that leaves one out shows a lower bound.
  for (const line of [...tier.lines, ...tier.unpriced]) {
    const group = groups.get(groupOf(line, tier)) ?? { cents: 0, unpriced: [] };
    if (line.cents === null) group.unpriced.push(line);
    else group.cents += line.cents;
    groups.set(groupOf(line, tier), group);
  }
  const rows = [...groups].map(([label, g]) => ({ label, ...counted(fromCents(g.cents), tallyOf(g.unpriced)) }));
  const name = `${NAME[tier.platform]} ${tier.id}`;
  return section(`${name} tier (modelled)`, rows, name, { description: tier.description, ...leftOut(tier) });
}

const teamLabel = (team: MigrationTeam) =>
  `${team.team ?? 'Personal apps'} (${team.units} app${team.units === 1 ? '' : 's'})`;

function differenceSentence(model: MigrationModel): string {
  const parts = model.differences.map((d) => {
    // A tier whose difference is a bound (the side leaving items out already costs more): said as one.
    if (d.atLeast)
      return d.monthly.isPositive()
        ? `${d.tier} saves at least ${formatUsd(d.monthly)}/mo`
        : `${d.tier} costs at least ${formatUsd(d.monthly.abs())}/mo more`;
    if (d.partial) return `${d.tier}: no figure (items are left out)`;
    if (d.monthly.isZero()) return `${d.tier}: the same`;
    return d.monthly.isPositive()
      ? `${d.tier} saves ${formatUsd(d.monthly)}/mo`
      : `${d.tier} costs ${formatUsd(d.monthly.abs())}/mo more`;
  });
  const other = model.direction === 'heroku-to-aws' ? 'AWS' : 'Heroku';
  return `Each month, moving to ${other}: ${parts.join('; ')}.`;
}

function oneOffSentence(model: MigrationModel): string {
  const cost = `One-off cost of moving: ${formatUsd(model.oneOff.total)} (engineering hours and data copied; apart from every monthly figure)`;
  const saving = model.differences.find((d) => d.tier === VERDICT_TIER);
  if (model.paybackMonths !== undefined && saving)
    return `${cost}; the ${VERDICT_TIER} tier's monthly saving pays it back in ${model.paybackMonths} month${model.paybackMonths === 1 ? '' : 's'} (${formatUsd(model.oneOff.total)} ÷ ${formatUsd(saving.monthly)} saved a month, rounded up).`;
  // A difference with items left out is unknown, not nothing: the same words as the Slack answer.
  const within = paybackWithin(model);
  if (within !== undefined)
    return `${cost}; the ${VERDICT_TIER} tier's monthly saving of at least ${formatUsd(model.verdict.difference!)} pays it back within ${within} month${within === 1 ? '' : 's'} (${formatUsd(model.oneOff.total)} ÷ ${formatUsd(model.verdict.difference!)}, rounded up).`;
  if (saving?.partial && !currentStaysCheaper(model)) return `${cost}; payback not known until every item has a price.`;
  return `${cost}; the ${VERDICT_TIER} tier saves nothing each month that can be counted, so it does not pay back.`;
}

/**
 * What Heroku's account-wide row holds: the Eco pool, and the fees of any Space no single team owns
 * (a space's fee is otherwise in its team's row).
 */
export function accountWide(model: MigrationModel): string {
  const spaceLines = [...model.current.lines, ...model.current.unpriced].filter((line) =>
    /^(Shield )?Private Space /.test(line.item),
  ).length;
  return spaceLines > model.spaces.length ? 'Eco pool and Space fees' : 'Eco pool';
}

/** The report of a migration answer; `most` caps the rows of the by-team and by-workload sections. */
export function migrateReport(answer: Extract<MigrateAnswer, { kind: 'migrate' }>, most = 12): MigrateReport {
  const { model } = answer;
  const fromHeroku = model.direction === 'heroku-to-aws';
  const current = NAME[model.current.platform];
  const other = fromHeroku ? 'AWS' : 'Heroku';
  const [likeForLike] = model.tiers;
  const what = fromHeroku
    ? `${model.units.length} app${model.units.length === 1 ? '' : 's'}`
    : `${model.units.length} workload${model.units.length === 1 ? '' : 's'}`;
  const lead = leadSentences({
    current: model.current.platform,
    currentInfrastructure: model.current.infrastructure,
    tiers: model.tiers,
    range: model.range,
    verdict: model.verdict,
  });
  const unitRows = (pick: 'current' | 'likeForLike') =>
    model.units.map((u) => ({ label: u.name, ...counted(u[pick], u.unpriced[pick]) }));
  const sharedCurrent = fromHeroku ? `Account-wide: ${accountWide(model)}` : 'Not tied to an instance (see the bill)';
  // A space's fee is its team's (in the team rows); by app, it is a row of its own, as its apps share it.
  const spaceRows = model.spaces.map((space) => ({
    label: `${space.item} (team ${space.team}: ${andList(space.apps)})`,
    ...counted(space.current, space.unpriced),
  }));
  const sharedModelled = fromHeroku
    ? 'Shared AWS infrastructure (load balancers, NAT gateways, public addresses, root volumes, logs, data transfer)'
    : 'Stays on AWS, and account-wide Heroku fees';
  // Shown when it has a figure, or items left out (unpriced Space fees are the whole of it on many accounts).
  const withShared = (rows: ReportRow[], label: string, pick: 'current' | 'likeForLike') => {
    const amount = pick === 'current' ? model.currentShared : model.sharedLikeForLike;
    const unpriced = model.sharedUnpriced[pick];
    return amount.isZero() && tallyCount(unpriced) === 0 ? rows : [...rows, { label, ...counted(amount, unpriced) }];
  };
  const byTeam = (pick: 'current' | 'likeForLike') =>
    capped(
      model.teams.map((team) => ({ label: teamLabel(team), ...counted(team[pick], team.unpriced[pick]) })),
      most,
      'teams and personal apps',
    );
  const sections: ReportSection[] = fromHeroku
    ? [
        section(
          'Heroku as it runs (list prices), by team',
          withShared(byTeam('current'), sharedCurrent, 'current'),
          'Heroku',
          leftOut(model.current),
        ),
        section(
          'AWS like-for-like, by team',
          withShared(byTeam('likeForLike'), sharedModelled, 'likeForLike'),
          'AWS like-for-like',
          leftOut(likeForLike),
        ),
      ]
    : [
        section(
          `AWS as billed (${answer.source})`,
          capped(
            model.current.lines.map((l) => ({ label: l.item, amount: fromCents(l.cents) })),
            most,
            'lines of the bill',
          ),
          'AWS',
        ),
        section(
          'Heroku like-for-like, by workload',
          withShared(capped(unitRows('likeForLike'), most, 'workloads'), sharedModelled, 'likeForLike'),
          'Heroku like-for-like',
          leftOut(likeForLike),
        ),
      ];
  sections.push(...model.tiers.map(tierSection));
  sections.push(
    section(
      'One-off cost of moving',
      model.oneOff.lines.map((l) => ({ label: l.item, amount: fromCents(l.cents) })),
      'One-off',
      { once: true },
    ),
  );
  const detail = fromHeroku
    ? [
        section(
          'Heroku as it runs, by app',
          withShared([...unitRows('current'), ...spaceRows], sharedCurrent, 'current'),
          'Heroku',
        ),
        section(
          'AWS like-for-like, by app',
          withShared(unitRows('likeForLike'), sharedModelled, 'likeForLike'),
          'AWS like-for-like',
        ),
      ]
    : [];
  return {
    title: `Migrate: the ${current} account (${what}) modelled on ${other}; amounts per month, estimated`,
    // The figures first; then what is missing, at most a few items (the terminal lists them all in the sections).
    lead: [
      // Before the figures are read as the whole account: which apps they leave out.
      ...(answer.notRead ? [appsNotReadLine(answer.notRead, 'this model')] : []),
      ...lead.filter((l) => !l.startsWith('Missing: ')),
      differenceSentence(model),
      oneOffSentence(model),
      ...capList(
        lead.filter((l) => l.startsWith('Missing: ')),
        most,
        (n) => `… and ${n} more items left out.`,
      ),
    ],
    sections,
    detail,
    drivers: model.drivers,
    assumptions: model.assumptions,
    sources: [
      answer.source,
      `List prices from sources dated ${priceDatesSpan(priceDatesOf([...model.current.lines, ...model.tiers.flatMap((t) => t.lines)], model.priceListDate))}`,
      ...answer.notes,
    ],
  };
}
