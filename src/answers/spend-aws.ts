/** AWS's part of a spend answer: Cost Explorer for the period, the period before, and the month's forecast. */
import { formatCents, formatUsd, toCents, usd } from '../core/money';
import {
  type ComparedDays,
  describeGrouping,
  readableRange,
  type SpendPeriod,
  type SpendRequest,
  wholeDaysCompared,
} from '../core/spend/request';
import { linesAddingUp, metricInWords, type SpendLine } from '../core/spend/rows';
import { costOfDays, summariseAws } from '../core/spend/summary';
import { addDays } from '../core/utc-days';
import type { AwsSpendSource, SpendGroupBy } from '../sources/aws';
import {
  failureMessage,
  freshness,
  MAX_ROWS,
  monthName,
  optional,
  type PlatformFigures,
  type PlatformSpend,
  percentChange,
  type SpendContext,
} from './spend-common';

function awsGroupBy(request: SpendRequest): { groupBy: SpendGroupBy; note?: string } {
  if (request.groupBy === 'app') {
    return {
      groupBy: 'service',
      note: 'AWS has no apps: grouped by service (use `by tag:KEY` for an application tag).',
    };
  }
  return { groupBy: request.groupBy };
}

const signed = (cents: number) => (cents < 0 ? formatCents(cents) : `+${formatCents(cents)}`);
const shortDay = (day: string) => readableRange({ start: day, end: addDays(day, 1) }).replace(/ \d{4}$/, '');

/** The change over the days compared; `over` when they are not the whole period. */
function changeFigures(change: ReturnType<typeof summariseAws>, compared: ComparedDays): PlatformFigures['change'] {
  const currentCents = toCents(change.total);
  const previousCents = toCents(change.previousTotal);
  return {
    previousCents,
    changeCents: currentCents - previousCents,
    ...optional('percent', percentChange(currentCents - previousCents, previousCents)),
    range: readableRange(compared.previous),
    ...(compared.leftOut ? { over: { range: readableRange(compared.current), cents: currentCents } } : {}),
  };
}

export async function awsSpend(
  aws: AwsSpendSource,
  request: SpendRequest,
  period: SpendPeriod,
  context: SpendContext,
): Promise<PlatformSpend> {
  const { groupBy, note } = awsGroupBy(request);
  const compared = wholeDaysCompared(period);
  let current: Awaited<ReturnType<AwsSpendSource['dailyCost']>>;
  let previous: Awaited<ReturnType<AwsSpendSource['dailyCost']>> | undefined;
  try {
    current = await aws.dailyCost({ start: period.start, end: period.end, groupBy });
    if (compared) previous = await aws.dailyCost({ ...compared.previous, groupBy });
  } catch (error) {
    const why = failureMessage(error, 'Reading AWS spend', context.log);
    return { platform: 'aws', name: 'AWS', status: 'failed', problem: `Could not read AWS spend: ${why}` };
  }
  const summary = summariseAws(current.value, undefined, Number.MAX_SAFE_INTEGER);
  const grossCents = toCents(summary.total);
  const creditsCents = toCents(summary.credits);
  const grouping = describeGrouping(groupBy);
  const every: SpendLine[] = summary.top.map((row) => ({ label: row.label, cents: toCents(row.current) }));
  const metric = summary.metric;
  const words = metricInWords(metric);
  const notes = [freshness(current)];
  const details = [
    `Cost Explorer metric: ${metric} (${words}); UTC days ${readableRange(period)}, both ends included.`,
    `Credits and refunds: ${formatCents(creditsCents)}, taken off in the figure after credits.`,
  ];
  // The change and movers count the days Cost Explorer has whole (month to date leaves today out).
  const change =
    compared && previous ? summariseAws(costOfDays(current.value, compared.current), previous.value) : undefined;
  const movers = (change?.movers ?? [])
    .filter((row) => toCents(row.change) !== 0)
    .slice(0, MAX_ROWS)
    .map(
      (row) => `${row.label}: ${signed(toCents(row.change))} (${formatUsd(row.previous)} → ${formatUsd(row.current)})`,
    );
  if (!compared) {
    details.push(
      `No change shown: ${shortDay(period.start)} is the only day so far, and Cost Explorer is still recording it; a part day against a whole one would read as a drop.`,
    );
  } else if (compared.leftOut) {
    details.push(
      `${shortDay(compared.leftOut)} is left out of the change: Cost Explorer is still recording it, and a part day against a whole one would read as a drop.`,
    );
  }
  let forecast: string | undefined;
  const rest = period.restOfMonth;
  const restWords = `the rest of ${monthName(rest.start)} (${readableRange(rest)})`;
  try {
    const answer = await aws.forecast(rest);
    if (answer.value.available) {
      const range =
        answer.value.lower && answer.value.upper
          ? ` (${answer.value.predictionIntervalLevel}% range ${formatUsd(usd(answer.value.lower))}–${formatUsd(usd(answer.value.upper))})`
          : '';
      const stale = answer.staleBecause ? `, ${freshness(answer)}` : '';
      forecast = `Forecast for ${restWords}: ${formatUsd(usd(answer.value.total))}${range}, ${metricInWords(answer.value.metric)}${stale}`;
      details.push(`Forecast: Cost Explorer's GetCostForecast, metric ${answer.value.metric}, ${freshness(answer)}.`);
    } else {
      details.push(`No forecast for ${restWords}: ${answer.value.reason}`);
    }
  } catch (error) {
    details.push(`No forecast for ${restWords}: ${failureMessage(error, 'The AWS forecast', context.log)}`);
  }
  if (note) notes.push(note);
  if (summary.estimatedDays.length > 0) {
    details.push(`Days AWS still marks as estimated: ${summary.estimatedDays.map(shortDay).join(', ')}.`);
  }
  const requests = await aws.requestsThisMonth();
  details.push(
    `Cost Explorer requests this month (${requests.month}): ${requests.requests}, ${formatUsd(requests.cost)} at $0.01 each; answers are kept 6 hours.`,
  );
  return {
    platform: 'aws',
    name: 'AWS',
    status: 'ok',
    figures: {
      grossCents,
      netCents: grossCents + creditsCents,
      creditsCents,
      measure: `Cost Explorer, ${words}`,
      ...(summary.estimated
        ? { estimated: `AWS may still revise ${summary.estimatedDays.map(shortDay).join(', ') || 'the last days'}` }
        : {}),
      grouping,
      lines: linesAddingUp(every, grossCents, MAX_ROWS, grouping),
      allLines: linesAddingUp(every, grossCents, every.length, grouping, true),
      ...optional('change', change && compared && changeFigures(change, compared)),
      ...optional('forecast', forecast),
      movers,
      notes,
      details,
    },
  };
}
