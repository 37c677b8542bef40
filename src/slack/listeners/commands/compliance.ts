import {
  type ComplianceChecklist,
  type ComplianceRequest,
  type ResolveOptions,
  resolveCompliance,
} from '../../../answers/compliance';
import { answerLiveCompliance, liveConnected, liveNotConnectedMessage } from '../../../answers/compliance-live';
import { COMMAND_ALIASES } from '../../../core/command-names';
import type { Services } from '../../../services';
import type { Asker } from '../../asker';
import { spendAccess, withShareNote } from '../../leads';
import { ephemeral, type Message } from '../../message';
import { complianceMessage } from './compliance-blocks';
import type { Subcommand } from './subcommand';

const COMPLIANCE_COMMAND = '/hosting compliance';

export function resolveOptions(services: Services): ResolveOptions {
  return { catalog: services.catalog, now: services.now(), command: COMPLIANCE_COMMAND };
}

export type ResolvedChecklist =
  | { kind: 'checklist'; checklist: ComplianceChecklist; share: boolean; shareNote?: string }
  | { kind: 'message'; message: Message };

/** Why a live checklist is not shown to someone who is not a lead; names who can, never any data. */
function liveRefusal(leads: readonly string[]): Message {
  const who =
    leads.length === 0
      ? 'No one is set up as a lead yet: whoever runs Hosting Advisor can add Slack user IDs to HOSTING_LEADS.'
      : `Ask ${leads.map((id) => `<@${id}>`).join(', ')}.`;
  return ephemeral(
    `Sorry, live compliance checks are only for hosting leads: they show which apps run where and who lacks two-factor authentication. ${who} Anyone can check a described workload, e.g. \`${COMPLIANCE_COMMAND} hipaa heroku web=2xstandard-2x postgres=standard-0\`.`,
  );
}

/**
 * The checklist a request asks for, for this person: a described workload for anyone; the live
 * inventory or a live app (read from Heroku and Cost Explorer) for leads only.
 */
export async function checklistForAsker(request: ComplianceRequest, asker: Asker): Promise<ResolvedChecklist> {
  if (request.kind === 'refused') return { kind: 'message', message: ephemeral(request.message) };
  if (request.kind === 'checklist') return { kind: 'checklist', checklist: request.checklist, share: asker.share };
  const { services, client, logger, user } = asker;
  const access = await spendAccess(services, client, logger, user, asker.channel ?? '', asker.share, 'live data');
  if (!access.lead) return { kind: 'message', message: liveRefusal(access.leads) };
  const answer = await answerLiveCompliance(request, services, {
    command: COMPLIANCE_COMMAND,
    log: (message, error) => logger.error(message, error),
  });
  switch (answer.kind) {
    case 'not-connected':
      return { kind: 'message', message: ephemeral(answer.message) };
    case 'no-such-app':
      return {
        kind: 'message',
        message: ephemeral(
          `There is no app by that name that you can see (\`${answer.app}\`). \`/hosting spend heroku by app\` lists the apps Hosting Advisor reads.${answer.notListedYet ? ` ${answer.notListedYet}` : ''}`,
        ),
      };
    case 'checklist':
      await services.store.audit({
        at: services.now(),
        actor: user,
        action: 'compliance-live',
        detail: answer.checklist.words,
      });
      return {
        kind: 'checklist',
        checklist: answer.checklist,
        share: access.share,
        ...(access.shareNote ? { shareNote: access.shareNote } : {}),
      };
  }
}

/** What a person sees for a request: the checklist, or why not and a correct example. */
export async function complianceReplyFor(request: ComplianceRequest, asker: Asker): Promise<Message> {
  const resolved = await checklistForAsker(request, asker);
  if (resolved.kind === 'message') return resolved.message;
  return withShareNote(complianceMessage(resolved.checklist, resolved.share), resolved.shareNote);
}

export function complianceSubcommand(): Subcommand {
  return {
    name: 'compliance',
    aliases: [...COMMAND_ALIASES.compliance],
    summary:
      'a HIPAA, PCI DSS, SOC 2 or GDPR hosting checklist for Heroku and AWS, against a workload, an estimate or (leads) what runs live',
    examples: [
      'compliance hipaa',
      'compliance pci aws',
      'compliance hipaa web=2xstandard-2x postgres=standard-0',
      'compliance hipaa estimate web=2xstandard-2x postgres=standard-0 hipaa',
      'compliance soc2 aws web=2xm5.large rds=db.m6g.large multi-az',
      'compliance hipaa live',
      'compliance hipaa app=shop-api',
    ],
    async run({ args, share, command, client, services, logger }) {
      const request = resolveCompliance(args, resolveOptions(services));
      const asker: Asker = { services, client, logger, user: command.user_id, channel: command.channel_id, share };
      if (request.kind !== 'live') return complianceReplyFor(request, asker);
      if (!liveConnected(request, services.sources)) {
        return ephemeral(liveNotConnectedMessage(request, COMPLIANCE_COMMAND));
      }
      const access = await spendAccess(services, client, logger, command.user_id, command.channel_id, false);
      if (!access.lead) return liveRefusal(access.leads);
      return {
        placeholder: ephemeral(
          request.app === undefined ? 'Reading what runs in your accounts…' : `Reading \`${request.app}\` from Heroku…`,
        ),
        later: () => complianceReplyFor(request, asker),
      };
    },
  };
}
