/**
 * `/hosting digest`: the weekly digest, previewed privately; `digest post` posts it to the digest
 * channel now; `digest settings` shows where and when it goes; `digest set …` changes that.
 * Leads only: the digest is spend.
 */
import { gatherDigestInChild } from '../../../answers/digest-in-child';
import {
  changeDigestSettings,
  describeDigestSettings,
  digestDefaults,
  loadDigestSettings,
} from '../../../answers/digest-settings';
import { checkChannel } from '../../../core/alerts/budget';
import {
  type DigestSettingsInput,
  dayOf,
  hasDailyCost,
  parseTime,
  scheduleFromDayTime,
  validateDigestSettings,
} from '../../../core/digest';
import { neutraliseMarkup } from '../../../core/user-text';
import { channelProblem } from '../../channel-access';
import { postDigestNow } from '../../digest-poster';
import { isLead, leadList, leadMentions } from '../../leads';
import { ephemeral, type Message } from '../../message';
import { digestBlocks, digestFallback } from './digest-blocks';
import type { Subcommand, SubcommandContext } from './subcommand';

const SET_EXAMPLE = '`/hosting digest set channel=#eng-costs day=mon time=09:00 timezone=Europe/Berlin`';

async function settingsText(context: SubcommandContext): Promise<string> {
  const { settings, when, next, weekNote } = await describeDigestSettings(context.services);
  const note = weekNote ? ` ${weekNote}` : '';
  return settings.channel
    ? `The weekly digest goes to <#${settings.channel}>, ${when}; next on ${next}.${note} Change it with ${SET_EXAMPLE} or in the app's Home tab.`
    : `No digest channel is set, so no digest is posted (schedule: ${when}).${note} Set one with ${SET_EXAMPLE} or in the app's Home tab.`;
}

/** Each setting's example, for a `key=` given without its value. */
const SETTING_EXAMPLES: Record<string, string> = {
  channel: 'channel=#eng-costs',
  day: 'day=mon',
  time: 'time=09:00',
  timezone: 'timezone=Europe/Berlin',
  schedule: 'schedule="0 9 * * 1"',
};

/**
 * `channel=<#C123|name>` (Slack's escaped form), `channel=C123`, `schedule="0 9 * * 1"`, `day=mon time=09:00`,
 * `timezone=…`. Every problem is reported at once, not only the first.
 */
function parseSetArgs(text: string): { input: DigestSettingsInput; problems: string[] } {
  // `key=` with nothing after it is read too, so that it is named rather than "could not read".
  const pairs = [...text.matchAll(/(\w+)=("([^"]*)"|“([^”]*)”|\S*)/g)];
  const rest = text.replace(/(\w+)=("([^"]*)"|“([^”]*)”|\S*)/g, '').trim();
  const problems: string[] = [];
  const input: DigestSettingsInput = {};
  if (pairs.length === 0 || rest) {
    problems.push(
      `I could not read ${rest ? `"${neutraliseMarkup(rest.slice(0, 60))}"` : 'any setting'}. Try ${SET_EXAMPLE}, or \`schedule="0 9 * * 1"\` for a cron expression.`,
    );
  }
  let day: string | undefined;
  let time: string | undefined;
  const given = new Set<string>();
  for (const [, key, raw, q1, q2] of pairs) {
    const value = q1 ?? q2 ?? raw!;
    const name = key!.toLowerCase() === 'tz' ? 'timezone' : key!.toLowerCase();
    if (given.has(name)) {
      // Otherwise the last would be saved and the first dropped unseen.
      problems.push(`"${name}=" is given twice: give it once, e.g. ${SET_EXAMPLE}.`);
      continue;
    }
    given.add(name);
    if (value.trim() === '' && Object.hasOwn(SETTING_EXAMPLES, name)) {
      problems.push(`"${name}=" has no value: give one, e.g. \`${SETTING_EXAMPLES[name]}\`.`);
      continue;
    }
    switch (name) {
      case 'channel': {
        // A typed `#name` Slack did not turn into a mention is answered as budgets and alerts answer it.
        const channel = checkChannel(value);
        if ('value' in channel) input.channel = channel.value;
        else problems.push(channel.error);
        break;
      }
      case 'schedule':
        input.schedule = value;
        break;
      case 'timezone':
        input.timezone = value;
        break;
      case 'day':
        day = value;
        break;
      case 'time':
        time = value;
        break;
      default:
        problems.push(
          `"${neutraliseMarkup(key!.slice(0, 30))}" is not a digest setting: use channel, day, time, timezone or schedule. Example: ${SET_EXAMPLE}`,
        );
    }
  }
  if (day !== undefined || time !== undefined) {
    const weekday = day === undefined ? undefined : dayOf(day);
    const timeOk = time !== undefined && Boolean(parseTime(time));
    if (input.schedule) problems.push('Give either `schedule="…"` or `day=` and `time=`, not both.');
    else if (day === undefined) problems.push('Give the day with the time, e.g. `day=mon time=09:00`.');
    else if (time === undefined)
      problems.push(`Give the time with the day, e.g. \`day=${weekday ?? 'mon'} time=09:00\`.`);
    else if (!weekday)
      problems.push(
        `"${neutraliseMarkup(day.slice(0, 30))}" is not a day: use mon, tue, wed, thu, fri, sat or sun (with time=HH:MM).`,
      );
    if (!input.schedule && time !== undefined && !timeOk)
      problems.push(`"${neutraliseMarkup(time ?? '')}" is not a time: use 24-hour HH:MM such as 09:00.`);
    if (!input.schedule && weekday && timeOk) input.schedule = scheduleFromDayTime(weekday, time!);
  }
  return { input, problems };
}

function nothingChanged(problems: readonly string[]): Message {
  if (problems.length === 1) return ephemeral(`Nothing was changed: ${problems[0]}`);
  return ephemeral(`Nothing was changed (${problems.length} problems):\n${problems.map((e) => `• ${e}`).join('\n')}`);
}

async function setSettings(context: SubcommandContext, text: string): Promise<Message> {
  const { services, client } = context;
  const parsed = parseSetArgs(text);
  if (parsed.problems.length > 0) {
    // Say what else is wrong too, so one correction fixes everything.
    const current = await loadDigestSettings(services.store, services.config);
    const check = validateDigestSettings(parsed.input, { ...digestDefaults(services.config), ...current });
    return nothingChanged([...parsed.problems, ...(check.ok ? [] : Object.values(check.errors))]);
  }
  let change: Awaited<ReturnType<typeof changeDigestSettings>>;
  try {
    change = await changeDigestSettings(services, parsed.input, context.command.user_id, (channel) =>
      channelProblem(client, channel),
    );
  } catch (error) {
    context.logger.error('could not save the digest settings:', error);
    return ephemeral(
      'Nothing was saved: the bot could not write to its database just now. Try again in a minute; if it keeps failing, tell whoever runs the bot (its log says why).',
    );
  }
  if ('channelProblem' in change) return ephemeral(`Nothing was changed: ${change.channelProblem}`);
  if (!change.saved) return nothingChanged(change.invalid);
  return ephemeral(`Saved. ${await settingsText(context)}`);
}

/**
 * Words after `digest preview`, `post` or `settings`, which take none: named, with what to type.
 * Read as nothing, `digest post now` posted and `digest settings extra` answered as if all was read.
 */
function extraWords(action: string, rest: readonly string[]): string | undefined {
  if (rest.length === 0) return undefined;
  const words = `"${neutraliseMarkup(rest.join(' ').slice(0, 60))}"`;
  switch (action) {
    case 'preview':
      return `\`digest preview\` takes no more words; I did not read ${words}. Try \`/hosting digest\`.`;
    case 'post':
      return `Nothing was posted: \`digest post\` posts the digest now and takes no more words; I did not read ${words}. Try \`/hosting digest post\`.`;
    case 'settings':
      return `\`digest settings\` shows where and when the digest goes and takes no more words; I did not read ${words}. Try \`/hosting digest settings\`, or ${SET_EXAMPLE} to change them.`;
    default:
      return undefined;
  }
}

export function digestSubcommand(): Subcommand {
  return {
    name: 'digest',
    summary:
      'the weekly digest: preview it, post it now, or see and change where and when it goes (hosting leads only)',
    examples: [
      'digest',
      'digest post',
      'digest settings',
      'digest set channel=#eng-costs day=mon time=09:00 timezone=Europe/Berlin',
    ],
    async run(context) {
      const { args, command, services, client, logger } = context;
      if (!(await isLead(services, client, logger, command.user_id))) {
        const who = leadMentions(await leadList(services, client, logger));
        return ephemeral(
          `Sorry, the digest shows spend, so only hosting leads can see or post it.${who ? ` Ask ${who}.` : ' Whoever runs Hosting Advisor can add you to HOSTING_LEADS.'}`,
        );
      }
      const [action = '', ...rest] = args.split(/\s+/).filter(Boolean);
      const unread = extraWords(action.toLowerCase(), rest);
      if (unread) return ephemeral(unread);
      switch (action.toLowerCase()) {
        case '':
        case 'preview':
          return {
            placeholder: ephemeral('Building the digest preview…'),
            later: async () => {
              const now = services.now();
              const digest = await gatherDigestInChild(services, {
                now,
                explain: true,
                log: (m, e) => logger.error(m, e),
                warn: (...m) => logger.warn(...m),
              });
              await services.store.audit({
                at: now,
                actor: command.user_id,
                action: 'digest-preview',
                detail: `previewed ${digest.week.id}`,
              });
              return ephemeral(
                digestFallback(digest),
                digestBlocks(digest, {
                  preview: true,
                  chartNote: `Preview: only you see this.${hasDailyCost(digest) ? ' The posted digest adds a daily cost chart in its thread.' : ''}`,
                }),
              );
            },
          };
        case 'post':
          return {
            placeholder: ephemeral('Posting the digest…'),
            later: async () => ephemeral((await postDigestNow(services, client, command.user_id, logger)).message),
          };
        case 'settings':
          return ephemeral(await settingsText(context));
        case 'set':
          return { later: () => setSettings(context, rest.join(' ')) };
        default:
          return ephemeral(
            `\`digest ${neutraliseMarkup(action.slice(0, 30))}\` is not something I know. Try \`/hosting digest\` (preview), \`/hosting digest post\`, \`/hosting digest settings\` or ${SET_EXAMPLE}.`,
          );
      }
    },
  };
}
