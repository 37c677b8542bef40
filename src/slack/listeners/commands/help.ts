import { context, header, mrkdwn } from '../../block-kit';
import { ephemeral, type Message } from '../../message';
import type { Subcommand } from './subcommand';

export function helpMessage(subcommands: readonly Subcommand[]): Message {
  const lines = subcommands.map(
    (sub) => `*${sub.name}*: ${sub.summary}\n${sub.examples.map((example) => `\`/hosting ${example}\``).join('\n')}`,
  );
  const text = ['Hosting Advisor: Heroku and AWS costs and compliance, in Slack.', ...lines].join('\n\n');
  return ephemeral(text, [
    header('Hosting Advisor'),
    mrkdwn(
      'Heroku and AWS costs and compliance, in Slack. Every answer is only visible to you unless you add `share`.',
    ),
    ...lines.map(mrkdwn),
    context('Prices are list prices with their source and date; estimates are labelled as such.'),
  ]);
}
