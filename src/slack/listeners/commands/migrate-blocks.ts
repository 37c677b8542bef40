/**
 * `/hosting migrate` as a lead reads it in ten seconds (issue #15): both platforms in the header, the
 * figures in two columns, one verdict sentence, the three largest drivers, the current side by team,
 * and a Details button for everything else (every tier's lines, the one-off lines, assumptions and
 * sources, in a modal: ../views/migrate-details.ts). Every figure is a shown total, so it foots.
 */
import type { KnownBlock } from '@slack/types';
import type { MigrateAnswer } from '../../../answers/migrate';
import { accountWide, migrateReport, rowFigure } from '../../../answers/migrate-report';
import { appsNotReadLine } from '../../../core/apps-not-read';
import {
  addTallies,
  currentStaysCheaper,
  DRIVERS_FOOTING,
  type LeftOutTally,
  leadSentences,
  NOTHING_LEFT_OUT,
  paybackWithin,
  priceDatesOf,
  priceDatesSpan,
  tallyCount,
  VERDICT_TIER,
} from '../../../core/model';
import { formatUsd, fromCents, type Money, toCents } from '../../../core/money';
import { clip, context, header, mrkdwn } from '../../block-kit';
import type { Message } from '../../message';
import { notInTotalLines } from './estimate-summary';

export const MIGRATE_DETAILS = 'migrate_details';

type Migrate = Extract<MigrateAnswer, { kind: 'migrate' }>;

const NAME = { heroku: 'Heroku', aws: 'AWS' } as const;
/** Teams (or lines of the bill) shown by name; the rest are one "N more" row. */
const LARGEST_ROWS = 5;
const DRIVERS = 3;
/** Slack advises a notification text under 4,000 characters. */
const FALLBACK_LIMIT = 3900;

const perMonth = (amount: Money) => `${formatUsd(amount)}/mo`;
const atLeast = (partial: boolean, amount: Money) => `${partial ? '≥ ' : ''}${perMonth(amount)}`;

/** `Migrate: Heroku $2,050.00/mo now; AWS $1,200.00–$1,900.00/mo in three tiers`, lower bounds marked `≥`. */
export function migrateHeadline({ model }: Migrate): string {
  const modelled = model.direction === 'heroku-to-aws' ? 'AWS' : 'Heroku';
  const some = model.tiers.some((t) => t.unpriced.length > 0) ? '≥ ' : '';
  const range = model.range.low.equals(model.range.high)
    ? perMonth(model.range.low)
    : `${formatUsd(model.range.low)}–${perMonth(model.range.high)}`;
  return `Migrate: ${NAME[model.current.platform]} ${atLeast(model.current.unpriced.length > 0, model.current.infrastructure)} now; ${modelled} ${some}${range} in three tiers`;
}

/**
 * The verdict sentence of the lead (core's wording), its claim in bold; where to read what is missing
 * (`Details says`, or in Details itself, `Below:`).
 */
export function migrateVerdict({ model }: Migrate, whichMissing = 'Details says'): string {
  const [, sentence = ''] = leadSentences({
    current: model.current.platform,
    currentInfrastructure: model.current.infrastructure,
    tiers: model.tiers,
    range: model.range,
    verdict: model.verdict,
  });
  if (sentence.startsWith('No verdict: '))
    return `*No verdict*: ${sentence.slice('No verdict: '.length)} ${whichMissing} which items, and how a lead adds their prices.`;
  return sentence.replace(/^(On the [\w-]+ tier, )(.*?)( by )/, '$1*$2$3').replace(/\.$/, '*.');
}

function figureFields({ model }: Migrate): KnownBlock {
  const modelled = model.direction === 'heroku-to-aws' ? 'AWS' : 'Heroku';
  const tier = (id: string) => model.tiers.find((t) => t.id === id)!;
  const tierField = (id: string, note = '') => {
    const t = tier(id);
    const total = atLeast(t.unpriced.length > 0, t.infrastructure);
    return `*${modelled}, ${id} tier${note}*\n${id === VERDICT_TIER ? `*${total}*` : total}`;
  };
  const difference = model.differences.find((d) => d.tier === VERDICT_TIER)!;
  const { verdict } = model;
  const differenceText = verdict.atLeast
    ? `${NAME[verdict.cheaper!]} at least ${formatUsd(verdict.difference!)} less`
    : difference.partial
      ? 'not comparable: items left out'
      : difference.monthly.isZero()
        ? 'the same'
        : `${difference.monthly.isPositive() ? modelled : NAME[model.current.platform]} ${formatUsd(difference.monthly.abs())} less`;
  const within = paybackWithin(model);
  const payback =
    model.paybackMonths !== undefined
      ? `pays back in ${model.paybackMonths} month${model.paybackMonths === 1 ? '' : 's'}`
      : within !== undefined
        ? `pays back within ${within} month${within === 1 ? '' : 's'}`
        : difference.partial && !currentStaysCheaper(model)
          ? 'payback not known until every item has a price'
          : 'no monthly saving to pay it back';
  const field = (text: string) => ({ type: 'mrkdwn' as const, text });
  const units = `${model.units.length} ${model.unitKind}${model.units.length === 1 ? '' : 's'}`;
  return {
    type: 'section',
    block_id: 'migrate_figures',
    fields: [
      field(
        `*${NAME[model.current.platform]} as it runs*\n*${atLeast(model.current.unpriced.length > 0, model.current.infrastructure)}* (${units})`,
      ),
      field(tierField(VERDICT_TIER, ' (verdict)')),
      field(`*Difference per month (${VERDICT_TIER})*\n${differenceText}`),
      field(`*One-off cost of moving*\n${formatUsd(model.oneOff.total)} once, ${payback}`),
      ...model.tiers.filter((t) => t.id !== VERDICT_TIER).map((t) => field(tierField(t.id))),
    ],
  };
}

interface Row {
  label: string;
  cents: number;
  /** Items its figure leaves out, by kind (a lower bound, marked ≥). */
  unpriced: LeftOutTally;
}

/**
 * The current side as rows, largest first: the five largest by name, one row for the rest ("N more"),
 * and what no team owns (Heroku's Eco pool and Space fees), so the rows add up to the total above them.
 * A row that leaves items without a public price out is a lower bound, marked as the total is.
 */
function currentRows({ model }: Migrate): string {
  const fromHeroku = model.direction === 'heroku-to-aws';
  const rows: Row[] = fromHeroku
    ? model.teams.map((team) => ({
        label: `${team.team ?? 'Personal apps'} (${team.units} app${team.units === 1 ? '' : 's'})`,
        cents: toCents(team.current),
        unpriced: team.unpriced.current,
      }))
    : model.current.lines.map((line) => ({ label: line.item, cents: line.cents, unpriced: NOTHING_LEFT_OUT }));
  // Array sort is stable: rows of equal amounts keep their order.
  const ranked = [...rows].sort((a, b) => b.cents - a.cents);
  // A single leftover row is shown itself: "1 more" would take the same room and say less.
  const shown = ranked.length <= LARGEST_ROWS + 1 ? ranked : ranked.slice(0, LARGEST_ROWS);
  const rest = ranked.slice(shown.length);
  const what = !fromHeroku
    ? 'lines of the bill'
    : rest.some((row) => row.label.startsWith('Personal apps'))
      ? 'teams and personal apps'
      : 'teams';
  const figure = (cents: number, unpriced: LeftOutTally) => rowFigure({ amount: fromCents(cents), unpriced });
  const partial = model.current.unpriced.length > 0;
  const shared = model.sharedUnpriced.current;
  const title = fromHeroku ? 'Heroku as it runs, by team' : 'AWS as billed, largest lines';
  return [
    `*${title}: ${atLeast(partial, model.current.infrastructure)}*`,
    ...shown.map((row) => `• ${row.label}: ${figure(row.cents, row.unpriced)}`),
    ...(rest.length
      ? [
          `• ${rest.length} more ${what}: ${figure(
            rest.reduce((n, row) => n + row.cents, 0),
            rest.reduce((sum, row) => addTallies(sum, row.unpriced), NOTHING_LEFT_OUT),
          )}`,
        ]
      : []),
    ...(fromHeroku && (!model.currentShared.isZero() || tallyCount(shared) > 0)
      ? [`• Account-wide (${accountWide(model)}): ${figure(toCents(model.currentShared), shared)}`]
      : []),
    // One line for each kind left out; the account's items are many, so Details names them.
    ...notInTotalLines(model.current.unpriced, false),
  ].join('\n');
}

/** The compact answer: header, figures, verdict, drivers, the current side by team, sources in a line, Details. */
export function migrateMessage(answer: Migrate, share: boolean): Message {
  const { model } = answer;
  const fromHeroku = model.direction === 'heroku-to-aws';
  const report = migrateReport(answer);
  const title = migrateHeadline(answer);
  const verdict = migrateVerdict(answer);
  const dated = priceDatesSpan(
    priceDatesOf([...model.current.lines, ...model.tiers.flatMap((t) => t.lines)], model.priceListDate),
  );
  // Each driver's claim; the figures behind it ("$1,500.00/mo on Heroku, …") are in Details.
  // How the reasons add up is for Details, where every figure it names is shown.
  const drivers = model.drivers
    .filter((d) => !d.startsWith(DRIVERS_FOOTING))
    .slice(0, DRIVERS)
    .map((d) => d.replace(/: \$.*$/, '.'));
  const blocks: KnownBlock[] = [
    header(title),
    figureFields(answer),
    mrkdwn(verdict),
    ...(answer.notRead ? [mrkdwn(`:warning: ${appsNotReadLine(answer.notRead, 'this model')}`)] : []),
    ...(drivers.length ? [mrkdwn(`*Largest drivers*\n${drivers.map((d) => `• ${d}`).join('\n')}`)] : []),
    mrkdwn(currentRows(answer)),
    context(
      clip(
        `Infrastructure per month, estimated from list prices whose sources are dated *${dated}*; live figures: ${answer.source}. Not a quote. *Details* has every tier's lines, the one-off cost, every assumption and source.`,
      ),
    ),
    {
      type: 'actions',
      block_id: 'migrate_actions',
      elements: [
        {
          type: 'button',
          action_id: MIGRATE_DETAILS,
          text: { type: 'plain_text', text: 'Details' },
          value: fromHeroku ? 'heroku' : 'aws',
          style: 'primary',
        },
      ],
    },
  ];
  const text = clip(
    [
      `${title} (infrastructure, per month, estimated).`,
      verdict.replace(/\*/g, ''),
      ...(answer.notRead ? [appsNotReadLine(answer.notRead, 'this model')] : []),
      ...report.lead.filter((sentence) => sentence.startsWith('One-off cost of moving')),
    ].join(' '),
    FALLBACK_LIMIT,
  );
  return { response_type: share ? 'in_channel' : 'ephemeral', text, blocks };
}
