/**
 * The Home tab for everyone who is not a lead: what the bot does and how to use it, and who the
 * leads are. No figure of any kind. Pure.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { button, context, header, mrkdwn } from '../block-kit';
import { HOME_ACTIONS, homeView } from './home-blocks';

export interface MemberHomeInput {
  /** `<@U1>, <@U2> and the members of <!subteam^S1>`; empty when no lead is set up. */
  leads: string;
  estimateExamples: readonly string[];
  complianceExamples: readonly string[];
}

const examples = (words: readonly string[]) => words.map((example) => `\`/hosting ${example}\``).join('\n');

export function memberHomeView(input: MemberHomeInput): HomeView {
  const blocks: KnownBlock[] = [
    header('Hosting Advisor'),
    mrkdwn(
      'I answer hosting cost and compliance questions for teams on Heroku and AWS: what a workload costs on each platform, itemised with every price and its source; what it would cost on the other platform; and what HIPAA, PCI DSS, SOC 2 or GDPR ask of it. Hosting leads also get live spend and a weekly digest.',
    ),
    mrkdwn(
      `*Estimate a workload* on Heroku and on AWS, side by side:\n${examples(input.estimateExamples)}\nOr press *New estimate* for a form.`,
    ),
    { type: 'actions', block_id: 'home_member_buttons', elements: [button('New estimate', HOME_ACTIONS.newEstimate)] },
    mrkdwn(
      `*A compliance checklist* for a framework, a platform or a workload:\n${examples(input.complianceExamples)}`,
    ),
    mrkdwn(
      input.leads
        ? `*Live spend and the dashboard* are for hosting leads: ${input.leads}. Ask them about spend.`
        : '*Live spend and the dashboard* are for hosting leads, and none is set up yet: whoever runs Hosting Advisor can name them (HOSTING_LEADS).',
    ),
    context('`/hosting help` lists everything. Answers are private to you unless you add `share`.'),
  ];
  return homeView(blocks);
}
