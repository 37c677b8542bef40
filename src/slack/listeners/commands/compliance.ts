import {
  type ComplianceRequest,
  liveNotConnectedMessage,
  type ResolveOptions,
  resolveCompliance,
} from '../../../answers/compliance';
import type { Services } from '../../../services';
import { ephemeral, type Message } from '../../message';
import { complianceMessage } from './compliance-blocks';
import type { Subcommand } from './subcommand';

const COMPLIANCE_COMMAND = '/hosting compliance';

export function resolveOptions(services: Services): ResolveOptions {
  return { catalog: services.catalog, now: services.now(), command: COMPLIANCE_COMMAND };
}

/** What a person sees for a resolved request: the checklist, or why not and a correct example. */
export function complianceReply(request: ComplianceRequest, share: boolean): Message {
  switch (request.kind) {
    case 'checklist':
      return complianceMessage(request.checklist, share);
    case 'live':
      return ephemeral(liveNotConnectedMessage(request.framework, COMPLIANCE_COMMAND));
    case 'refused':
      return ephemeral(request.message);
  }
}

export function complianceSubcommand(): Subcommand {
  return {
    name: 'compliance',
    aliases: ['checklist', 'comply'],
    summary: 'a HIPAA, PCI DSS, SOC 2 or GDPR hosting checklist for Heroku and AWS, optionally against a workload',
    examples: [
      'compliance hipaa',
      'compliance pci aws',
      'compliance hipaa web=2xstandard-2x postgres=standard-0',
      'compliance soc2 aws web=2xm5.large rds=db.m6g.large multi-az',
    ],
    async run({ args, share, services }) {
      return complianceReply(resolveCompliance(args, resolveOptions(services)), share);
    },
  };
}
