/**
 * The answer to "what are we spending?": one period for every platform asked, each platform's
 * figure before and after credits with lines that add up to it, and both together. Plain data (no
 * Slack markup): `/hosting spend`, its Details button and `npx hosting-advisor spend` render the same
 * report. One platform failing never hides the other.
 */
import { type SpendRequest, spendPeriod } from '../core/spend/request';
import { addDays, utcDay } from '../core/utc-days';
import { awsSpend } from './spend-aws';
import { AWS_OFF, HEROKU_OFF, type PlatformSpend, type SpendContext, type SpendReport } from './spend-common';
import { herokuSpend } from './spend-heroku';

export {
  AWS_OFF,
  failureMessage,
  freshness,
  HEROKU_OFF,
  type PlatformFigures,
  type PlatformSpend,
  reportFailed,
  reportHasFigures,
  type SpendContext,
  type SpendReport,
} from './spend-common';

/** The words that ask for this report again (`aws 7d by service`); a grouping only when one was asked. */
function requestWords(request: SpendRequest): string {
  const group = typeof request.groupBy === 'string' ? request.groupBy : `tag:${request.groupBy.tag}`;
  return `${request.platforms.join(' ')} ${request.period}${request.groupAsked ? ` by ${group}` : ''}`;
}

/** Everything the request asks for, each platform independent of the other. */
export async function buildSpendReport(request: SpendRequest, context: SpendContext): Promise<SpendReport> {
  // A Details button pressed after midnight keeps the message's days; the forecast is always from today.
  const day = context.periodDay ?? utcDay(context.now);
  const period = {
    ...spendPeriod(request.period, new Date(`${day}T00:00:00Z`)),
    restOfMonth: spendPeriod(request.period, context.now).restOfMonth,
  };
  const platforms = await Promise.all(
    request.platforms.map(async (platform): Promise<PlatformSpend> => {
      if (platform === 'aws') {
        const aws = context.sources.aws;
        if (!aws) return { platform, name: 'AWS', status: 'off', problem: AWS_OFF };
        return awsSpend(aws, request, period, context);
      }
      const heroku = context.sources.heroku;
      if (!heroku) return { platform, name: 'Heroku', status: 'off', problem: HEROKU_OFF };
      return herokuSpend(heroku, request, period, context);
    }),
  );
  const withFigures = platforms.flatMap((p) => (p.figures ? [p.figures] : []));
  const names = request.platforms.map((p) => (p === 'aws' ? 'AWS' : 'Heroku')).join(' and ');
  return {
    period: period.label,
    dates: { first: period.start, last: addDays(period.end, -1) },
    words: requestWords(request),
    day,
    title: `${names} spend, ${period.label}`,
    platforms,
    ...(platforms.length > 1 && withFigures.length === platforms.length
      ? {
          together: {
            grossCents: withFigures.reduce((sum, f) => sum + f.grossCents, 0),
            netCents: withFigures.reduce((sum, f) => sum + f.netCents, 0),
            estimated: withFigures.some((f) => f.estimated !== undefined),
          },
        }
      : {}),
  };
}
