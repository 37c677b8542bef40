/**
 * The lead dashboard on the Home tab. Pure: every figure and time arrives formatted.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { budgetsHomeBlocks } from '../alerts/budgets-home';
import type { DashboardFigures, PlatformFigures, PlatformOff } from './dashboard-figures';
import { button, divider, HOME_ACTIONS, heading, homeView, note, section } from './home-blocks';

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
  };
  costExplorer: { month: string; requests: number; cost: string };
  /** The outcome of the last button press, in plain words. */
  notice?: string;
  /** `<@U1> and the members of <!subteam^S1>`. */
  leads: string;
}

function platformBlocks(platform: PlatformFigures | PlatformOff): KnownBlock[] {
  if (platform.status !== 'ok') {
    const why = platform.status === 'off' ? 'off' : 'could not be read';
    return [divider, section(`*${platform.name}*: ${why}. ${platform.reason}`)];
  }
  const forecast = platform.forecast
    ? ` · forecast for the month *${platform.forecast}*`
    : ` · no forecast: ${platform.forecastNote}`;
  const weeks = platform.weeks.map(
    (week) => `${week.label}: ${week.total}${week.daysMissing > 0 ? ` (${week.daysMissing} days missing)` : ''}`,
  );
  const lines = [
    `*${platform.name}* · ${platform.month}, month to date (${platform.monthRange}): *${platform.monthToDate}*${forecast}`,
    `Last 4 weeks, per day: \`${platform.daily}\`   per week: \`${platform.weekly}\``,
    `Last week ${platform.lastWeek}, ${platform.change} against the week before`,
    ...(weeks.length > 0 ? [weeks.join(' · ')] : []),
  ];
  if (platform.top.length > 0)
    lines.push(`Top last week: ${platform.top.map((item) => `${item.name} ${item.cost}`).join(' · ')}`);
  if (platform.movers.length > 0)
    lines.push(`Biggest changes: ${platform.movers.map((mover) => `${mover.name} ${mover.change}`).join(' · ')}`);
  const t = platform.translation;
  if (t) {
    lines.push(
      `Modelled on ${t.to} (list prices, infrastructure only): ${t.modelledWeekly}/week, ${t.differenceWeekly}/week (${t.differenceYearly}/year) — moving would ${t.saves ? 'save money' : 'cost more'}`,
    );
  }
  const notes = [
    ...(platform.estimated ? ['Some figures are still estimated (not final).'] : []),
    ...(platform.forecast ? [platform.forecastNote] : []),
    ...(t?.notes ?? []),
    ...platform.basis,
  ].filter((line) => line.trim() !== '');
  return [divider, section(lines.join('\n')), ...(notes.length > 0 ? [note(notes.join('\n'))] : [])];
}

function buttons(input: LeadHomeInput): KnownBlock {
  const channel = input.nextDigest.channel;
  return {
    type: 'actions',
    block_id: 'home_buttons',
    elements: [
      button('Refresh', HOME_ACTIONS.refresh),
      button('Refresh now', HOME_ACTIONS.refreshNow),
      button('Post digest now', HOME_ACTIONS.postDigest, {
        ...(channel
          ? {
              confirm: {
                title: { type: 'plain_text', text: 'Post the digest now?' },
                text: { type: 'mrkdwn', text: `The weekly digest goes to <#${channel}> now.` },
                confirm: { type: 'plain_text', text: 'Post it' },
                deny: { type: 'plain_text', text: 'Cancel' },
              },
            }
          : {}),
      }),
      button('New estimate', HOME_ACTIONS.newEstimate),
      button('Digest settings', HOME_ACTIONS.digestSettings),
      button('Export audit log', HOME_ACTIONS.exportAudit),
    ],
  };
}

export function leadHomeView(input: LeadHomeInput): HomeView {
  const { figures } = input;
  const freshness = [
    input.asOf ? `Figures as of ${input.asOf}${input.cached ? ', cached' : ''}` : 'No figures yet',
    ...(input.refreshing ? ['fetching fresh figures; this page updates by itself'] : []),
  ].join(' · ');
  const blocks: KnownBlock[] = [heading('Hosting dashboard'), note(freshness)];
  if (input.notice) blocks.push(section(input.notice));
  blocks.push(buttons(input));

  if (!figures) {
    blocks.push(
      section(
        input.refreshing
          ? 'Fetching spend from AWS and Heroku for the first time…'
          : 'No figures yet. Press *Refresh* to fetch them.',
      ),
    );
  } else {
    blocks.push(section(`*Week ${figures.weekLabel}*: ${figures.verdict}`));
    for (const platform of figures.platforms) blocks.push(...platformBlocks(platform));
    if (figures.posture.length > 0) {
      blocks.push(divider);
      blocks.push(
        section(
          ['*Compliance posture*', ...figures.posture.map((line) => `• *${line.framework}*: ${line.summary}`)].join(
            '\n',
          ),
        ),
      );
    }
  }

  blocks.push(...budgetsHomeBlocks());
  blocks.push(divider);
  const digest = input.nextDigest;
  blocks.push(
    section(
      digest.channel
        ? `*Next digest*: ${digest.when ?? 'not scheduled'} in <#${digest.channel}> (${digest.schedule}).`
        : `*Next digest*: none; no channel is set. Press *Digest settings* to choose one (${digest.schedule}).`,
    ),
  );
  const ce = input.costExplorer;
  const about = [
    `Cost Explorer requests this month (${ce.month}): ${ce.requests} = ${ce.cost}. Opening this page within 15 minutes of the last fetch makes none.`,
    ...(figures?.about ?? []),
  ];
  blocks.push(note(about.join('\n')));
  if (input.leads) blocks.push(note(`Leads: ${input.leads}`));
  return homeView(blocks);
}
