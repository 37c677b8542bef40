/**
 * The digest in words: one list of lines per section, shared by the Slack message (each section a
 * block), its text fallback, the CLI and screen readers. Every figure says its period and whether it
 * is actual, estimated or modelled.
 */
import { formatUsd } from '../money';
import { signedUsd } from '../spend/movers';
import { addDays } from '../utc-days';
import { groupMovers } from './mover-groups';
import { parityLines } from './parity';
import { dailyRateBasis, notComparedLabel, percentLabel } from './platform-figures';
import type { Digest, PlatformSection, UnfinishedDay } from './types';
import { countedSpan, unfinishedDayNote } from './unfinished-day';

const NAME = { aws: 'AWS', heroku: 'Heroku' } as const;
const ITEMS = { aws: 'services', heroku: 'apps' } as const;

function digestTitle(digest: Digest): string {
  return `Weekly hosting digest: ${digest.week.label}`;
}

function platformHeading(section: PlatformSection): string {
  return section.platform === 'aws' ? 'AWS (Cost Explorer)' : 'Heroku (daily snapshots)';
}

function platformLines(section: PlatformSection, unfinished: UnfinishedDay | undefined): string[] {
  if (section.status !== 'ok') return [`:warning: No ${NAME[section.platform]} figures this week: ${section.reason}`];
  const kind = section.estimated ? 'estimated' : 'actual';
  const span = countedSpan(unfinished);
  const [w1, w2, w3, w4] = section.weeks;
  // A run-rate week has no week before to compare with (Slack's digest says the same): not "$0.00 (no spend the week before)".
  const compared = section.runRate
    ? `run-rate: today's apps for ${unfinished ? 'Mon–Sat' : '7 days'}; not compared with the week before (no daily snapshots yet)`
    : section.notCompared
      ? notComparedLabel(section.notCompared)
      : `${signedUsd(section.change)} (${percentLabel(section.changePercent)}) vs the week before${span}`;
  const lines = [
    `*${formatUsd(section.lastWeek)}* last week${span} (${kind}): ${compared}`,
    `4-week trend${span}: ${[w1, w2, w3, w4]
      .filter(Boolean)
      .map(
        (w) =>
          `${formatUsd(w!.total)}${w!.daysMissing ? ` (${w!.daysMissing} day${w!.daysMissing === 1 ? '' : 's'} missing)` : ''}`,
      )
      .join(' → ')}`,
    `Month to date (${section.month}, ${section.monthToDateRange.end > section.monthToDateRange.start ? `${section.monthToDateRange.start} to ${addDays(section.monthToDateRange.end, -1)}` : 'no whole day yet'}): ${formatUsd(section.monthToDate)}; ${section.forecastMonth ? `forecast for the month ${formatUsd(section.forecastMonth)} (${section.forecastNote})` : section.forecastNote}`,
  ];
  if (section.top.length > 0) {
    lines.push(
      `Top ${ITEMS[section.platform]} last week${span}: ${section.top.map((row) => `${row.name} ${formatUsd(row.cost)}`).join(', ')}`,
    );
  }
  if (section.movers.length > 0) {
    const groups = groupMovers(section.movers, 3).map((group) => {
      const names = group.names.length === 1 ? group.names[0] : `${group.names.length} ${ITEMS[section.platform]}`;
      const each = group.names.length === 1 ? '' : ' each';
      return `${names} ${signedUsd(group.change)}${each} (${formatUsd(group.previous)} → ${formatUsd(group.current)})`;
    });
    lines.push(`Top movers: ${groups.join(', ')}`);
  }
  const t = section.translation;
  if (t) {
    const basis = dailyRateBasis(t, unfinished);
    // As the Slack digest: the range of the tiers, then the consolidated week the difference is worked out from.
    const tiers = t.range
      ? `${formatUsd(t.range.low)}–${formatUsd(t.range.high)}/week across three tiers; consolidated tier `
      : '';
    lines.push(
      `Same workload on ${NAME[t.to]} (modelled): ${tiers}${formatUsd(t.modelledWeekly)}/week — ${signedUsd(t.differenceWeekly)}/week, ${signedUsd(t.differenceYearly)}/year vs actual${basis ? ` (at ${basis})` : ''}`,
    );
  }
  return lines;
}

/** The heading of the "why it changed" section: which weeks it compares. */
function whyHeading(digest: Digest): string {
  const before = digest.weeks.at(-2);
  const span = countedSpan(digest.unfinishedDay);
  return `Why it changed: last week (${digest.week.label}${span}) against the week before${before ? ` (${before.label}${span})` : ''}`;
}

/** `Heroku api-prod: web dynos went from …` a line each; nothing when the digest has no such section. */
export function whyLines(digest: Digest): string[] {
  const why = digest.why;
  if (!why) return [];
  // A service whose own name begins with the platform's ("AWS CloudTrail") is not named twice.
  const named = (name: string, line: string) => (line.startsWith(`${name} `) ? line : `${name} ${line}`);
  const platform = (name: string, lines: string[] | undefined, none: string) =>
    lines === undefined ? [] : lines.length ? lines.map((line) => named(name, line)) : [`${name}: ${none}`];
  // "No changes" is only as good as the snapshots: none claimed for days they do not cover.
  const heroku = digest.heroku.status === 'ok' ? digest.heroku : undefined;
  const herokuNone = heroku?.runRate
    ? 'the daily snapshots do not cover these two weeks yet, so what changed cannot be told'
    : heroku?.notCompared
      ? `no formation, add-on or app changes on the days the snapshots cover (${heroku.notCompared})`
      : 'no formation, add-on or app changes in these two weeks';
  return [
    ...platform('Heroku', why.heroku, herokuNone),
    ...platform('AWS', why.aws, 'no service or usage type moved between the two weeks'),
  ];
}

function postureText(digest: Digest): string[] {
  return digest.posture.map((line) => `${line.framework} — ${line.summary}`);
}

/** The whole digest as plain text: the message's fallback and the CLI's output. */
export function renderDigestText(digest: Digest): string {
  const sections = [digest.aws, digest.heroku].map((section) =>
    [
      `${platformHeading(section)}`,
      ...platformLines(section, digest.unfinishedDay),
      ...(section.status === 'ok' && section.leftOut ? [`  ${section.leftOut}`] : []),
      ...(section.status === 'ok' ? section.basis.map((b) => `  ${b}`) : []),
    ].join('\n'),
  );
  return [
    digestTitle(digest),
    ...(digest.unfinishedDay ? [unfinishedDayNote(digest.unfinishedDay)] : []),
    ...sections,
    ...(whyLines(digest).length > 0 ? [[`${whyHeading(digest)}:`, ...whyLines(digest)].join('\n')] : []),
    digest.verdict,
    ['Compliance posture (live):', ...postureText(digest)].join('\n'),
    ...(parityLines(digest.parity).length > 0 ? [['Staging parity:', ...parityLines(digest.parity)].join('\n')] : []),
    digest.about.join('\n'),
  ]
    .join('\n\n')
    .replace(/\*/g, '');
}

/**
 * Whether the chart would show anything: a day of cost on either platform. Not connected, failed or
 * priced from today's run-rate only, there is no line to draw, and an empty chart is no answer.
 */
export function hasDailyCost(digest: Digest): boolean {
  return [digest.aws, digest.heroku].some(
    (section) => section.status === 'ok' && section.daily.some((cents) => cents !== null),
  );
}

/** Per-week totals per platform, for the chart's alt text and screen readers. */
export function chartSummary(digest: Digest): string {
  const parts = [digest.aws, digest.heroku].map((section) =>
    section.status === 'ok'
      ? `${NAME[section.platform]}: ${section.weeks.map((w) => formatUsd(w.total)).join(', ')}`
      : `${NAME[section.platform]}: no data`,
  );
  return `Daily cost over the 4 weeks to ${digest.week.label}; weekly totals${countedSpan(digest.unfinishedDay)} ${parts.join('; ')}.`;
}
