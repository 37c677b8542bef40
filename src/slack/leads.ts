/**
 * Who may see cost data, and where it may be shown.
 *
 * Leads are HOSTING_LEADS plus, when a Slack user group ID is stored in settings (`leads.usergroup`,
 * edited from App Home → Digest settings), that group's members, read with usergroups.users.list and
 * kept for a few minutes. When Slack cannot tell us the members, only HOSTING_LEADS count, and the log
 * says why. Spend figures are shown to leads (App Home, ephemeral answers) and posted only in channels
 * leads have allowed: `spend.channels` (comma-separated IDs) and the digest channel, where the weekly
 * digest already posts them.
 */
import type { WebClient } from '@slack/web-api';
import { loadDigestSettings } from '../answers/digest-settings';
import { andList } from '../core/model/describe';
import type { Services } from '../services';
import { context } from './block-kit';
import { MAX_MESSAGE_BLOCKS, type Message } from './message';
import { slackErrorCode } from './slack-errors';

export const LEADS_USERGROUP_KEY = 'leads.usergroup';
export const SPEND_CHANNELS_KEY = 'spend.channels';

/** Slack user group IDs start with S: `S0614TZR7`. */
export const USERGROUP_ID = /^S[A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;

/** How long the group's members are trusted before Slack is asked again. */
const LEADS_CACHE_MS = 5 * 60 * 1000;
/** After a failure, how long before Slack is asked again (keeps a broken group ID from flooding the log). */
const FAILURE_RETRY_MS = 60 * 1000;
/** Longest wait for Slack's list of group members before answering without them. */
const GROUP_WAIT_MS = 1500;

export interface LeadsLogger {
  warn(...messages: unknown[]): void;
}

export interface LeadList {
  /** HOSTING_LEADS, then the group's members, without repeats. */
  users: string[];
  /** The stored user group, if any. */
  usergroup?: string;
  /** Set when the group's members could not be read: why, in plain words. */
  groupProblem?: string;
}

interface GroupMembers {
  group: string;
  members: string[];
  until: number;
  problem?: string;
}

/** Per running bot (its Services object), so two bots in one process never share a cache. */
const groupCache = new WeakMap<Services, GroupMembers>();

type LeadServices = Pick<Services, 'config' | 'store' | 'now'>;

export async function storedUsergroup(services: Pick<Services, 'store'>): Promise<string | undefined> {
  const value = (await services.store.getSetting(LEADS_USERGROUP_KEY))?.trim();
  return value && USERGROUP_ID.test(value) ? value : undefined;
}

/** Channels where leads allow spend to be posted: `spend.channels` and the digest channel. */
async function spendChannels(services: Pick<Services, 'store' | 'config'>): Promise<string[]> {
  const stored = (await services.store.getSetting(SPEND_CHANNELS_KEY)) ?? '';
  const listed = stored
    .split(',')
    .map((id) => id.trim())
    .filter((id) => CHANNEL_ID.test(id));
  const digest = (await loadDigestSettings(services.store, services.config)).channel;
  return [...new Set([...listed, ...(digest ? [digest] : [])])];
}

/** The stored `spend.channels` alone (for pre-filling the settings form). */
export async function storedSpendChannels(services: Pick<Services, 'store'>): Promise<string[]> {
  const stored = (await services.store.getSetting(SPEND_CHANNELS_KEY)) ?? '';
  return stored
    .split(',')
    .map((id) => id.trim())
    .filter((id) => CHANNEL_ID.test(id));
}

async function fetchMembers(services: LeadServices, client: WebClient, logger: LeadsLogger, group: string) {
  let entry: GroupMembers;
  try {
    const answer = await client.usergroups.users.list({ usergroup: group });
    entry = { group, members: (answer.users ?? []).filter(Boolean), until: services.now().getTime() + LEADS_CACHE_MS };
  } catch (error) {
    const code = slackErrorCode(error);
    const problem =
      code === 'no_such_subteam'
        ? `Slack has no user group ${group}`
        : code === 'missing_scope'
          ? 'the app lacks the usergroups:read scope (add it and reinstall the app)'
          : `Slack said ${code ?? (error as Error)?.message ?? 'nothing useful'}`;
    logger.warn(
      `Could not read the members of the leads user group ${group}: ${problem}. Until that works only HOSTING_LEADS count as leads; check the group ID in App Home → Digest settings.`,
    );
    entry = { group, members: [], until: services.now().getTime() + FAILURE_RETRY_MS, problem };
  }
  groupCache.set(services as Services, entry);
  return entry;
}

/** One question to Slack at a time per group, however many people ask. */
const inFlight = new WeakMap<Services, { group: string; answer: Promise<GroupMembers> }>();

async function groupMembers(
  services: LeadServices,
  client: WebClient,
  logger: LeadsLogger,
  group: string,
): Promise<GroupMembers> {
  const key = services as Services;
  const cached = groupCache.get(key);
  if (cached && cached.group === group && cached.until > services.now().getTime()) return cached;
  let pending = inFlight.get(key);
  if (!pending || pending.group !== group) {
    const answer = fetchMembers(services, client, logger, group).finally(() => {
      if (inFlight.get(key)?.answer === answer) inFlight.delete(key);
    });
    pending = { group, answer };
    inFlight.set(key, pending);
  }
  // Answers wait on this (a slash command must be acknowledged within 3 s): a slow Slack counts as
  // "no group members for now"; the answer still fills the cache when it comes.
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<GroupMembers>((resolve) => {
    timer = setTimeout(
      () => resolve({ group, members: [], until: 0, problem: 'Slack took too long to list the group' }),
      GROUP_WAIT_MS,
    );
    timer.unref();
  });
  try {
    return await Promise.race([pending.answer, slow]);
  } finally {
    clearTimeout(timer);
  }
}

/** Everyone who counts as a lead now. Asks Slack for the group's members at most every few minutes. */
export async function leadList(services: LeadServices, client: WebClient, logger: LeadsLogger): Promise<LeadList> {
  const configured = services.config.HOSTING_LEADS;
  const usergroup = await storedUsergroup(services);
  if (!usergroup) return { users: [...configured] };
  const group = await groupMembers(services, client, logger, usergroup);
  return {
    users: [...new Set([...configured, ...group.members])],
    usergroup,
    ...(group.problem ? { groupProblem: group.problem } : {}),
  };
}

export async function isLead(
  services: LeadServices,
  client: WebClient,
  logger: LeadsLogger,
  user: string,
): Promise<boolean> {
  if (services.config.HOSTING_LEADS.includes(user)) return true;
  return (await leadList(services, client, logger)).users.includes(user);
}

/**
 * Tells every lead privately (HOSTING_LEADS and the leads' group), `thread` as replies to it; a lead
 * Slack will not reach is logged, not thrown.
 */
export async function tellLeads(
  services: LeadServices,
  client: WebClient,
  logger: LeadsLogger,
  text: string,
  thread: readonly Pick<Message, 'text' | 'blocks'>[] = [],
): Promise<void> {
  const { users } = await leadList(services, client, logger);
  if (users.length === 0) logger.warn(`no lead to tell (set HOSTING_LEADS): ${text.split('\n')[0]}`);
  for (const lead of users) {
    try {
      const told = await client.chat.postMessage({ channel: lead, text });
      // Into the thread of the message the DM opened (its channel is the DM's ID, not the user's).
      for (const reply of thread)
        await client.chat.postMessage({
          channel: told.channel ?? lead,
          thread_ts: told.ts!,
          text: reply.text,
          ...(reply.blocks ? { blocks: reply.blocks } : {}),
          unfurl_links: false,
        });
    } catch (error) {
      logger.warn(`could not tell lead ${lead}: ${slackErrorCode(error) ?? (error as Error).message}`);
    }
  }
}

/** Drops the cached group members, e.g. after the group ID changed. */
export function forgetLeads(services: LeadServices): void {
  groupCache.delete(services as Services);
}

/** `<@U1>, <@U2> and members of <!subteam^S1>`; at most `limit` people named. */
export function leadMentions(list: LeadList, limit = 10): string {
  const people = list.users.slice(0, limit).map((id) => `<@${id}>`);
  const more = list.users.length > limit ? [`${list.users.length - limit} more`] : [];
  const group = list.usergroup ? [`the members of <!subteam^${list.usergroup}>`] : [];
  const parts = [...people, ...more, ...group];
  return andList(parts);
}

export interface SpendAccess {
  lead: boolean;
  /** User IDs to name in a refusal (never more than ten). */
  leads: string[];
  /** Whether an answer asked to be shared may be posted in this channel. */
  share: boolean;
  /** Why a share was turned into a private answer. */
  shareNote?: string;
}

/** The access check of `/hosting spend`: a lead? and may the answer be posted where it was asked? */
export async function spendAccess(
  services: LeadServices,
  client: WebClient,
  logger: LeadsLogger,
  user: string,
  channel: string,
  share: boolean,
  /** What would be posted, for the note: `spend figures`, `live data`. */
  what = 'spend figures',
): Promise<SpendAccess> {
  const configured = services.config.HOSTING_LEADS;
  // A configured lead needs no question to Slack.
  const list = configured.includes(user) ? { users: [...configured] } : await leadList(services, client, logger);
  const lead = list.users.includes(user);
  const names = list.users.slice(0, 10);
  if (!lead || !share) return { lead, leads: names, share: false };
  const allowed = await spendChannels(services);
  if (allowed.includes(channel)) return { lead, leads: names, share: true };
  return {
    lead,
    leads: names,
    share: false,
    shareNote: `Only you can see this: ${what} are posted only in channels leads have allowed, and this isn't one. A lead can allow it in App Home → Digest settings → Channels where spend may be shared.`,
  };
}

/** A private answer that was asked to be shared, with the reason on top. */
export function withShareNote(message: Message, note: string | undefined): Message {
  if (!note) return message;
  return {
    ...message,
    response_type: 'ephemeral',
    text: `${note}\n${message.text}`,
    blocks: [context(note), ...(message.blocks ?? [])].slice(0, MAX_MESSAGE_BLOCKS),
  };
}
