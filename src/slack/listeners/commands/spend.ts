import { buildSpendReport, reportHasFigures, type SpendReport } from '../../../answers/spend';
import { describeRequest, parseSpendArgs, type SpendRequest } from '../../../core/spend/request';
import type { Services } from '../../../services';
import { spendAccess, withShareNote } from '../../leads';
import { ephemeral, type Message } from '../../message';
import { spendMessage } from './spend-blocks';
import type { Subcommand } from './subcommand';

/** Who may see cost figures (`spend figures`, `parity figures`), as mentions; never any figure. */
export function spendRefusal(leads: readonly string[], what = 'spend figures', topic = 'spend'): Message {
  const who =
    leads.length === 0
      ? `No one is set up to see ${topic} yet: whoever runs Hosting Advisor can add Slack user IDs to HOSTING_LEADS.`
      : `Ask ${leads.map((id) => `<@${id}>`).join(', ')} — they can see ${topic}.`;
  return ephemeral(`Sorry, ${what} are only shown to hosting leads. ${who}`);
}

export function spendSubcommand(): Subcommand {
  return {
    name: 'spend',
    summary: 'what AWS and Heroku cost: totals, change, top movers, credits, forecast (hosting leads only)',
    examples: ['spend', 'spend aws 30d by service', 'spend heroku', 'spend aws mtd by tag:team'],
    async run({ args, share, command, client, services, logger }) {
      const access = await spendAccess(services, client, logger, command.user_id, command.channel_id, share);
      if (!access.lead) return spendRefusal(access.leads);
      const request = parseSpendArgs(args);
      if ('error' in request) return ephemeral(request.error);
      return {
        placeholder: ephemeral('Fetching spend…'),
        later: async () => {
          const report = await spendReportFor(services, request, command.user_id, logger);
          return withShareNote(spendMessage(report, access.share), access.shareNote);
        },
      };
    },
  };
}

/** The report for a lead, its view kept in the audit log (which data, never the figures). */
export async function spendReportFor(
  services: Services,
  request: SpendRequest,
  user: string,
  logger: { error: (message: string, error: unknown) => void },
  what = '',
  periodDay?: string,
): Promise<SpendReport> {
  const now = services.now();
  const report = await buildSpendReport(request, {
    sources: services.sources,
    store: services.store,
    catalog: services.catalog,
    now,
    ...(periodDay ? { periodDay } : {}),
    log: (message, error) => logger.error(message, error),
  });
  if (reportHasFigures(report)) await auditSpend(services, now, user, `${describeRequest(request)}${what}`);
  return report;
}

async function auditSpend(services: Pick<Services, 'store'>, at: Date, actor: string, detail: string): Promise<void> {
  await services.store.audit({ at, actor, action: 'spend', detail });
}
