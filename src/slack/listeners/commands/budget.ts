/**
 * `/hosting budget set <name> <amount>/month [aws|heroku|both] [team=… | app=… | service=… | account=… |
 * tag:KEY=VALUE] [alert=50,80,100] [forecast] [channel=#…]`, `budget list`, `budget delete <name>`. Leads only.
 */
import { budgetChannels } from '../../../answers/alert-settings';
import {
  BUDGET_EXAMPLE,
  deleteBudget,
  describeBudget,
  listBudgets,
  parseBudgetCommand,
  saveBudget,
} from '../../../answers/budgets';
import { COMMAND_ALIASES } from '../../../core/command-names';
import { formatUsd, fromCents } from '../../../core/money';
import { neutraliseMarkup } from '../../../core/user-text';
import {
  alertsPostedTo,
  BUDGET_LIST_PAGE_SIZE,
  budgetListCommand,
  budgetListMessage,
  budgetListPages,
} from '../../alerts/budget-list-blocks';
import { channelProblem } from '../../channel-access';
import { isLead, leadList, leadMentions } from '../../leads';
import { ephemeral } from '../../message';
import type { Subcommand } from './subcommand';

/** A stray word quoted back as typed, made safe and short. */
const quoted = (words: string) => `"${neutraliseMarkup(words.slice(0, 60))}"`;

export function budgetSubcommand(): Subcommand {
  return {
    name: 'budget',
    aliases: [...COMMAND_ALIASES.budget],
    summary: 'monthly budgets that alert at levels you choose and on forecast (hosting leads only)',
    examples: [
      'budget set web-prod 2000/month heroku team=acme-eng alert=50,80,100 forecast channel=#eng-costs',
      'budget list',
      'budget delete web-prod',
    ],
    async run({ args, command, services, client, logger }) {
      if (!(await isLead(services, client, logger, command.user_id))) {
        const who = leadMentions(await leadList(services, client, logger));
        return ephemeral(
          `Sorry, budgets show spend, so only hosting leads can see or change them.${who ? ` Ask ${who}.` : ''}`,
        );
      }
      const [action = 'list', ...rest] = args.split(/\s+/).filter(Boolean);
      switch (action.toLowerCase()) {
        case 'set': {
          const parsed = parseBudgetCommand(rest.join(' '));
          if (!parsed.ok) {
            const errors = Object.values(parsed.errors)
              .map((error) => `• ${error}`)
              .join('\n');
            return ephemeral(`Nothing was saved:\n${errors}\nExample: ${BUDGET_EXAMPLE}`);
          }
          return {
            later: async () => {
              const saved = await saveBudget(
                services,
                parsed.value,
                command.user_id,
                (channel) => channelProblem(client, channel),
                { herokuScope: 'read' },
              );
              // An error may quote the app or team as typed: no markup of theirs reaches Slack.
              if (!saved.ok)
                return ephemeral(`Nothing was saved: ${neutraliseMarkup(Object.values(saved.errors).join(' '))}`);
              const channels = await budgetChannels(services, [saved.budget]);
              // `2000` alone is kept as a month: said, so nobody meant a week or a year unseen.
              const monthly = parsed.readAsMonthly
                ? ` I read ${quoted(parsed.readAsMonthly)} as ${formatUsd(fromCents(saved.budget.amountCents))} a month: every budget is monthly (write ${neutraliseMarkup(parsed.readAsMonthly.slice(0, 30))}/month to say so).`
                : '';
              return ephemeral(
                `${saved.replaced ? 'Updated' : 'Saved'} budget ${saved.budget.name}: ${neutraliseMarkup(describeBudget(saved.budget))}, ${alertsPostedTo(channels[saved.budget.id])}. Checked ${services.config.BUDGETS_SCHEDULE === '0 * * * *' ? 'every hour' : `on "${services.config.BUDGETS_SCHEDULE}"`} against cached figures.${monthly}`,
              );
            },
          };
        }
        case 'delete':
        case 'remove': {
          // Deleting the first name and dropping the rest unseen would leave a lead believing both gone.
          const extra = rest.slice(1).join(' ');
          if (extra) {
            return ephemeral(
              `Nothing was deleted: \`budget delete\` takes one budget name, and I did not read ${quoted(extra)}. Delete one at a time, e.g. \`/hosting budget delete ${neutraliseMarkup(rest[0]!.slice(0, 40))}\`.`,
            );
          }
          return ephemeral((await deleteBudget(services, rest[0] ?? '', command.user_id)).message);
        }
        case 'list': {
          // A page number at most: anything else would be read as nothing, unseen.
          const page =
            rest.length === 0 ? 1 : rest.length === 1 && /^[1-9]\d{0,3}$/.test(rest[0]!) ? Number(rest[0]) : 0;
          if (page === 0) {
            return ephemeral(
              `\`budget list\` takes a page number at most; I did not read ${quoted(rest.join(' '))}. Try ${budgetListCommand(1)} or ${budgetListCommand(2)}.`,
            );
          }
          return {
            placeholder: ephemeral('Reading this month’s spend…'),
            later: async () => {
              const count = (await services.store.budgets()).length;
              if (count === 0) return ephemeral(`No budgets yet. Set one: ${BUDGET_EXAMPLE}`);
              const pages = budgetListPages(count);
              if (page > pages) {
                const onPages = pages === 1 ? 'on one page' : `on ${pages} pages of ${BUDGET_LIST_PAGE_SIZE}`;
                const tryPages =
                  pages === 1 ? budgetListCommand(1) : `${budgetListCommand(1)} or ${budgetListCommand(pages)}`;
                return ephemeral(
                  `There ${count === 1 ? 'is 1 budget' : `are ${count} budgets`}, ${onPages}; I did not read ${quoted(rest[0]!)}. Try ${tryPages}.`,
                );
              }
              const statuses = await listBudgets(services, command.user_id, (all) =>
                pages === 1 ? `${all}` : `page ${page} of the ${all}`,
              );
              if (statuses.length === 0) return ephemeral(`No budgets yet. Set one: ${BUDGET_EXAMPLE}`);
              const channels = await budgetChannels(
                services,
                statuses.map((status) => status.budget),
              );
              return budgetListMessage(statuses, channels, Math.min(page, budgetListPages(statuses.length)));
            },
          };
        }
        default:
          return ephemeral(
            `\`budget ${neutraliseMarkup(action.slice(0, 30))}\` is not something I know. Try \`/hosting budget list\`, \`/hosting budget delete web-prod\` or ${BUDGET_EXAMPLE}.`,
          );
      }
    },
  };
}
