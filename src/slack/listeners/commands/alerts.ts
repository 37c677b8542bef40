/**
 * `/hosting alerts`: where alerts go. `alerts channel=#costs` (the default), `alerts route team=acme-eng
 * channel=#eng-costs` (also account=123456789012, tag:team=web), `alerts unroute team=acme-eng`. Leads only.
 */
import { ALERTS_CHANNEL_KEY, describeAlertSettings, loadRoutes, saveRoutes } from '../../../answers/alert-settings';
import { checkChannel, splitWords } from '../../../core/alerts/budget';
import { DETECTION_METHOD } from '../../../core/alerts/detect';
import { applyRoute, describeRouteKey, parseRoute, ROUTE_EXAMPLE, UNROUTE_EXAMPLE } from '../../../core/alerts/routing';
import { neutraliseMarkup } from '../../../core/user-text';
import { channelProblem } from '../../channel-access';
import { isLead, leadList, leadMentions } from '../../leads';
import { ephemeral } from '../../message';
import type { Subcommand, SubcommandContext } from './subcommand';

const CHANNEL_EXAMPLE = '`/hosting alerts channel=#costs`';

async function settingsText(context: SubcommandContext): Promise<string> {
  const view = await describeAlertSettings(context.services);
  const routes = [
    // As stored: a route saved before markup was refused could hold `<!here>`, shown here as text.
    ...Object.entries(view.routes.team).map(
      ([team, channel]) => `Heroku team ${neutraliseMarkup(team)} → <#${channel}>`,
    ),
    ...Object.entries(view.routes.account).map(
      ([account, channel]) => `AWS account ${neutraliseMarkup(account)} → <#${channel}>`,
    ),
    ...Object.entries(view.routes.tag).map(([tag, channel]) => `tag ${neutraliseMarkup(tag)} → <#${channel}>`),
  ];
  return [
    view.channel
      ? `Alerts go to <#${view.channel}> (${view.channelFrom}) unless a budget names its own channel or a route below matches. Change it with ${CHANNEL_EXAMPLE}.`
      : `No alerts channel is set, so only budgets with their own channel and routed alerts are posted. Set one with ${CHANNEL_EXAMPLE}.`,
    routes.length ? `Routes:\n${routes.map((line) => `• ${line}`).join('\n')}` : `No routes. Add one: ${ROUTE_EXAMPLE}`,
    `Budgets are checked on "${view.budgetsSchedule}" and anomalies on "${view.anomaliesSchedule}" (UTC; BUDGETS_SCHEDULE, ANOMALIES_SCHEDULE). ${DETECTION_METHOD.replace('the minimum impact', `$${view.minImpactUsd} a day (ANOMALY_MIN_IMPACT)`)}`,
  ].join('\n');
}

export function alertsSubcommand(): Subcommand {
  return {
    name: 'alerts',
    summary:
      'where budget and anomaly alerts go: the alerts channel and a channel per team, account or tag (hosting leads only)',
    examples: [
      'alerts',
      'alerts channel=#costs',
      'alerts route team=acme-eng channel=#eng-costs',
      'alerts unroute team=acme-eng',
    ],
    async run(context) {
      const { args, command, services, client, logger } = context;
      if (!(await isLead(services, client, logger, command.user_id))) {
        const who = leadMentions(await leadList(services, client, logger));
        return ephemeral(
          `Sorry, only hosting leads can see or change where cost alerts go.${who ? ` Ask ${who}.` : ''}`,
        );
      }
      const words = splitWords(args.trim());
      const [first = ''] = words;
      const action = first.toLowerCase();
      const audit = (detail: string) =>
        services.store.audit({ at: services.now(), actor: command.user_id, action: 'alert-settings', detail });
      if (action === '' || action === 'settings') return ephemeral(await settingsText(context));
      if (action.startsWith('channel=')) {
        const checked = checkChannel(first.slice('channel='.length));
        if ('error' in checked) return ephemeral(`Nothing was changed: ${checked.error} Example: ${CHANNEL_EXAMPLE}`);
        if (words.length > 1) {
          const rest = neutraliseMarkup(words.slice(1).join(' ').slice(0, 60));
          return ephemeral(
            `Nothing was changed: \`alerts channel=\` takes one channel, and I did not read "${rest}". Example: ${CHANNEL_EXAMPLE}`,
          );
        }
        return {
          later: async () => {
            const problem = await channelProblem(client, checked.value);
            if (problem) return ephemeral(`Nothing was changed: ${problem}`);
            await services.store.setSetting(ALERTS_CHANNEL_KEY, checked.value);
            await audit('set the alerts channel');
            return ephemeral(`Saved. ${await settingsText(context)}`);
          },
        };
      }
      if (action === 'route' || action === 'unroute') {
        const parsed = parseRoute(words.slice(1), action);
        if ('error' in parsed) return ephemeral(`Nothing was changed: ${parsed.error}`);
        return {
          later: async () => {
            const { value } = parsed;
            if (value.channel) {
              const problem = await channelProblem(client, value.channel);
              if (problem) return ephemeral(`Nothing was changed: ${problem}`);
            }
            const routes = await loadRoutes(services);
            if (!value.channel && !routes[value.kind][value.key]) {
              return ephemeral(
                `Nothing was changed: ${describeRouteKey(value)} has no route of its own; \`/hosting alerts\` lists the routes.`,
              );
            }
            await saveRoutes(services, applyRoute(routes, value));
            await audit(`${action} ${value.kind} ${value.key}`);
            return ephemeral(`Saved. ${await settingsText(context)}`);
          },
        };
      }
      return ephemeral(
        `\`alerts ${neutraliseMarkup(first.slice(0, 30))}\` is not something I know. Try \`/hosting alerts\`, ${CHANNEL_EXAMPLE}, ${ROUTE_EXAMPLE} or ${UNROUTE_EXAMPLE}.`,
      );
    },
  };
}
