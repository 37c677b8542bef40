/**
 * The lead dashboard on the Home tab: the verdict, the key figures in fields (month to date, forecast,
 * last week and its change, per platform and both together), one Refresh button and a menu for the
 * rest, and whether this week's digest is out. Cache and request details stay in one small context
 * line at the foot. Pure: every figure and time arrives formatted.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { button, clip, context, divider, header, mrkdwn } from '../block-kit';
import type { DashboardFigures, PlatformFigures, PlatformOff } from './dashboard-figures';
import { HOME_ACTIONS, homeView } from './home-blocks';
import { chartBlock, type SharedChart } from './home-chart';

export interface LeadHomeInput {
  /** Undefined until the first figures arrive. */
  figures?: DashboardFigures;
  /** `Mon 23 Nov 2026, 09:00 UTC`: when the figures were gathered. */
  asOf?: string;
  /** The figures came from the dashboard's cache. */
  cached: boolean;
  /** Fresh figures are being fetched; the page updates by itself. */
  refreshing: boolean;
  nextDigest: {
    /** Channel ID; undefined when no digest channel is set. */
    channel?: string;
    /** `Mon 30 Nov 2026, 09:00 Europe/Berlin`. */
    when?: string;
    /** `Mondays at 09:00 Europe/Berlin`. */
    schedule: string;
    /** The schedule's runs count Monday to Saturday: why, and the time that counts whole weeks. */
    weekNote?: string;
    /** This week's digest is out: a link to it. */
    posted?: { link: string };
  };
  costExplorer: { month: string; requests: number; cost: string };
  /** The outcome of the last button press, in plain words. */
  notice?: string;
  /** `<@U1> and the members of <!subteam^S1>`. */
  leads: string;
  /** The budgets section (src/slack/alerts/budgets-home.ts), after the figures. */
  budgets?: KnownBlock[];
  /** Other teams' sections (parity), shown after the budgets. */
  sections?: KnownBlock[];
  /** Today's daily-cost chart, shared with this lead. */
  chart?: SharedChart;
}

const field = (label: string, value: string) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${value}` });

/**
 * Said beside the figures that leave the items out, as the digest and `/hosting spend` say it: a lead
 * reading the month to date alone must not take it for the whole bill.
 */
function notCountedText(count: number): string {
  return `${count} contract-priced or unpriced item${count === 1 ? ' is' : 's are'} not counted in these figures (never as $0): a Private or Shield Space's fee or a contract plan, which your invoice has. \`/hosting spend heroku\` names them.`;
}

/** No forecast: why, as the digest says it ("no forecast: AWS denied ce:GetCostForecast…"), not "none yet". */
function forecastMissing(note: string): string {
  const why = note.startsWith('no forecast: ') ? note.slice('no forecast: '.length) : '';
  return why ? clip(`none: ${why}`, 1900) : 'none yet';
}

function platformBlocks(platform: PlatformFigures | PlatformOff, span: string): KnownBlock[] {
  if (platform.status !== 'ok') {
    const why = platform.status === 'off' ? 'not connected' : 'not available right now';
    // Reasons are written to follow a colon elsewhere (`could not read …`): here they start a sentence.
    const reason = `${platform.reason.charAt(0).toUpperCase()}${platform.reason.slice(1)}`;
    return [mrkdwn(`*${platform.name}*: ${why}. ${reason}`)];
  }
  const month = platform.month.split(' ')[0];
  const fields = [
    field(`Month to date (${platform.monthRange})`, platform.monthToDate),
    field(`Forecast for ${month}`, platform.forecast ?? forecastMissing(platform.forecastNote)),
    field(`Last week${span}${platform.runRate ? ' (run-rate)' : ''}`, platform.lastWeek),
    field(`Change on the week before${span}`, platform.runRate ? 'no daily snapshots yet' : platform.change),
  ];
  const t = platform.translation;
  if (t) {
    // The difference is against the counted days' daily rate: said when they are not the whole week.
    const against = t.against ? ` vs ${t.against}` : '';
    const modelled = t.range
      ? `${t.range}/week across three tiers (consolidated ${t.modelledWeekly}, ${t.differenceWeekly}${against})`
      : `${t.modelledWeekly}/week (${t.differenceWeekly}${against})`;
    fields.push(field(`On ${t.to} (modelled)`, modelled));
  }
  if (platform.movers.length > 0)
    fields.push(field('Biggest changes', platform.movers.map((mover) => `${mover.name} ${mover.change}`).join('\n')));
  if (platform.top.length > 0)
    fields.push(
      field(
        `Largest last week${span}`,
        platform.top
          .slice(0, 3)
          .map((item) => `${item.name} ${item.cost}`)
          .join('\n'),
      ),
    );
  return [
    { type: 'section', text: { type: 'mrkdwn', text: `*${platform.name}*` }, fields: fields.slice(0, 10) },
    ...(platform.leftOut ? [context(clip(`:warning: ${platform.leftOut}`, 2900))] : []),
    ...(platform.notCounted ? [context(notCountedText(platform.notCounted))] : []),
  ];
}

function combinedBlock(figures: DashboardFigures): KnownBlock[] {
  const c = figures.combined;
  if (!c) return [];
  // The sums carry a platform's figures as they are: an app it left out is missing here too.
  const partial = figures.platforms.filter((platform) => 'leftOut' in platform && platform.leftOut).map((p) => p.name);
  const uncounted = figures.platforms.reduce((sum, p) => sum + ('notCounted' in p ? (p.notCounted ?? 0) : 0), 0);
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: '*AWS and Heroku together*' },
      fields: [
        field(`Month to date (${c.monthRange})`, c.monthToDate),
        field('Forecast for the month', c.forecast ?? 'none yet'),
        field(`Last week${figures.weekSpan}`, c.lastWeek),
        field(`Change on the week before${figures.weekSpan}`, c.change),
      ],
    },
    ...(partial.length > 0
      ? [
          context(
            `:warning: ${partial.join(' and ')}'s part of these sums leaves out what could not be read (named under ${partial.join(' and ')} below).`,
          ),
        ]
      : []),
    ...(uncounted > 0
      ? [
          context(
            `These sums leave out ${uncounted} contract-priced or unpriced item${uncounted === 1 ? '' : 's'} (see below).`,
          ),
        ]
      : []),
  ];
}

/** One Refresh; everything else in a menu (Slack allows five options). */
function buttons(input: LeadHomeInput): KnownBlock {
  const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });
  const posted = Boolean(input.nextDigest.posted);
  return {
    type: 'actions',
    block_id: 'home_buttons',
    elements: [
      button('Refresh', HOME_ACTIONS.refresh, { style: 'primary' }),
      {
        type: 'overflow',
        action_id: HOME_ACTIONS.more,
        options: [
          option('New estimate', HOME_ACTIONS.newEstimate),
          ...(posted ? [] : [option('Post this week’s digest now', HOME_ACTIONS.postDigest)]),
          option('Digest settings', HOME_ACTIONS.digestSettings),
          option('Re-read Heroku now', HOME_ACTIONS.refreshNow),
          option('Export audit log', HOME_ACTIONS.exportAudit),
        ],
      },
    ],
  };
}

function digestLine(input: LeadHomeInput): string {
  const digest = input.nextDigest;
  if (!digest.channel)
    return `*Next digest*: none; no channel is chosen yet. Pick one in *Digest settings* (${digest.schedule}).`;
  const posted = digest.posted ? ` This week’s is out: <${digest.posted.link}|Posted ✓>` : '';
  const note = digest.weekNote ? ` ${digest.weekNote}` : '';
  return `*Next digest*: ${digest.when ?? 'not scheduled'} in <#${digest.channel}>.${note}${posted}`;
}

export function leadHomeView(input: LeadHomeInput): HomeView {
  const { figures } = input;
  const freshness = [
    figures ? `Week ${figures.weekLabel}` : undefined,
    input.asOf ? `Figures as of ${input.asOf}${input.cached ? ', cached' : ''}` : 'No figures yet',
    input.refreshing ? 'fetching fresh figures; this page updates by itself' : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const blocks: KnownBlock[] = [header('Hosting dashboard'), context(freshness)];
  if (input.notice) blocks.push(mrkdwn(input.notice));
  blocks.push(buttons(input));

  if (!figures) {
    blocks.push(
      mrkdwn(
        input.refreshing
          ? 'Fetching spend from AWS and Heroku for the first time…'
          : 'No figures yet. Press *Refresh*.',
      ),
    );
  } else {
    blocks.push(mrkdwn(`*${figures.verdict}*`));
    if (figures.unfinishedDayNote) blocks.push(mrkdwn(`:hourglass_flowing_sand: ${figures.unfinishedDayNote}`));
    if (figures.combined) blocks.push(divider);
    blocks.push(...combinedBlock(figures));
    if (input.chart) blocks.push(chartBlock(input.chart));
    for (const platform of figures.platforms) blocks.push(divider, ...platformBlocks(platform, figures.weekSpan));
    if (figures.posture.length > 0) {
      blocks.push(
        divider,
        mrkdwn(
          ['*Compliance (live)*', ...figures.posture.map((line) => `${line.framework}: ${line.summary}`)].join('\n'),
        ),
      );
    }
  }
  blocks.push(...(input.budgets ?? []));
  if (input.sections?.length) blocks.push(divider, ...input.sections);
  blocks.push(divider, mrkdwn(digestLine(input)));
  const ce = input.costExplorer;
  const modelled = figures?.modelledPrices ? ` ${figures.modelledPrices}.` : '';
  // Said as the Heroku fields are: "(run-rate)" there is today's apps, not snapshots of what ran.
  const herokuWords = figures?.platforms.some((platform) => 'runRate' in platform && platform.runRate)
    ? 'Heroku’s are today’s run-rate (no daily snapshot covers last week yet), not what ran'
    : 'Heroku’s are estimated from daily snapshots of what ran';
  blocks.push(
    context(
      `Figures are kept 15 minutes; Refresh reads them again. AWS figures are cost before credits; ${herokuWords}.${modelled} Cost Explorer queries this month: ${ce.requests} (${ce.cost}).${input.leads ? ` Leads: ${input.leads}.` : ''}`,
    ),
  );
  return homeView(blocks);
}
