import type { KnownBlock } from '@slack/types';
import { reportHasFigures, type SpendReport, spendReportText } from '../../../core/spend/report';
import { describeRequest, parseSpendArgs } from '../../../core/spend/request';
import type { Services } from '../../../services';
import { buildSpendReport } from '../../../sources/spend-report';
import { spendAccess, withShareNote } from '../../leads';
import { context, ephemeral, header, MAX_MESSAGE_BLOCKS, type Message, mrkdwn } from '../../message';
import type { Subcommand } from './subcommand';

const SECTION_LIMIT = 2900;

const clip = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

export function spendBlocks(report: SpendReport): KnownBlock[] {
  const blocks: KnownBlock[] = [header(clip(report.title, 150))];
  for (const section of report.sections) {
    blocks.push({ type: 'divider' });
    blocks.push(mrkdwn(clip([`*${section.heading}*`, ...section.lines].join('\n'), SECTION_LIMIT)));
    if (section.notes.length > 0) blocks.push(context(clip(section.notes.join('\n'), SECTION_LIMIT)));
  }
  return blocks.slice(0, MAX_MESSAGE_BLOCKS);
}

export function spendMessage(report: SpendReport, share: boolean): Message {
  return {
    response_type: share ? 'in_channel' : 'ephemeral',
    text: clip(spendReportText(report), 3900),
    blocks: spendBlocks(report),
  };
}

/** Who may see spend, as mentions; never any figure. */
export function spendRefusal(leads: readonly string[]): Message {
  const who =
    leads.length === 0
      ? 'No one is set up to see spend yet: whoever runs Hosting Advisor can add Slack user IDs to HOSTING_LEADS.'
      : `Ask ${leads.map((id) => `<@${id}>`).join(', ')} — they can see spend.`;
  return ephemeral(`Sorry, spend figures are only shown to hosting leads. ${who}`);
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
          const now = services.now();
          const report = await buildSpendReport(request, {
            sources: services.sources,
            catalog: services.catalog,
            now,
            log: (message, error) => logger.error(message, error),
          });
          if (reportHasFigures(report)) {
            await auditSpend(services, now, command.user_id, describeRequest(request));
          }
          return withShareNote(spendMessage(report, access.share), access.shareNote);
        },
      };
    },
  };
}

export async function auditSpend(
  services: Pick<Services, 'store'>,
  at: Date,
  actor: string,
  detail: string,
): Promise<void> {
  await services.store.audit({ at, actor, action: 'spend', detail });
}
