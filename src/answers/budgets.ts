/**
 * `/hosting budget set | list | delete` and the App Home form, as plain data: a budget is checked
 * whole before anything is saved, and every save and delete is kept in the audit log.
 */
import { randomUUID } from 'node:crypto';
import {
  BUDGET_EXAMPLE,
  type BudgetDraft,
  byBudgetName,
  checkName,
  describeScope,
  type FieldErrors,
  parseBudgetSet,
  platformLabel,
} from '../core/alerts/budget';
import { freshnessLabel } from '../core/freshness';
import { formatUsd, fromCents } from '../core/money';
import type { Services } from '../services';
import type { StoredBudget } from '../store/store';
import { gatherAlertData } from './alert-data';
import { notListedYetNote } from './app-not-listed';
import { type BudgetStatus, budgetStatuses } from './budget-status';

export type SaveOutcome =
  | { ok: true; budget: StoredBudget; replaced: boolean; note?: string }
  | { ok: false; errors: FieldErrors };

/**
 * Saves a checked budget; `channelProblem` asks Slack whether the bot can post in its channel first.
 * `herokuScope` first refuses a Heroku app or team the token does not see (`herokuScopeProblem`):
 * `read` against the inventory as `/hosting budget set` reads it (cached an hour, else Heroku is
 * asked); `cached` against the last inventory read, whatever its age, never asking Heroku, for the
 * App Home form, which must answer Slack within 3 seconds. With none cached yet the budget is saved
 * and `note` says its name was not checked (docs/decisions.md, "The budget form checks a Heroku name
 * against the last list read").
 */
export async function saveBudget(
  services: Services,
  draft: BudgetDraft,
  actor: string,
  channelProblem: (channel: string) => Promise<string | undefined>,
  options: { herokuScope?: 'read' | 'cached' } = {},
): Promise<SaveOutcome> {
  let note: string | undefined;
  if (options.herokuScope) {
    const checked = await herokuScopeProblem(services, draft, options.herokuScope);
    if (checked?.problem) return { ok: false, errors: { scope: checked.problem } };
    note = checked?.note;
  }
  if (draft.channel) {
    const problem = await channelProblem(draft.channel);
    if (problem) return { ok: false, errors: { channel: problem } };
  }
  const existed = (await services.store.budgets()).some((budget) => budget.name === draft.name);
  const budget = await services.store.putBudget({ id: randomUUID(), ...draft }, actor, services.now());
  await services.store.audit({ at: services.now(), actor, action: 'budget-set', detail: `set budget ${budget.name}` });
  return { ok: true, budget, replaced: existed, ...(note ? { note } : {}) };
}

/** Heroku names a lead is shown when a budget names none of them: a few, the rest counted. */
const NAMES_SHOWN = 5;

function someNames(names: readonly string[]): string {
  const sorted = [...names].sort();
  const more = sorted.length - NAMES_SHOWN;
  return `${sorted.slice(0, NAMES_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * A budget on a Heroku app or team the token does not see would watch nothing: $0 every hour,
 * never an alert, and "could not be read" in every list. When Heroku answers (or, for `cached`, a
 * list was read before), such a name is refused with the names there are; when it does not, the
 * budget is kept (a lead must not be blocked by Heroku's outage) and checked like any other.
 */
async function herokuScopeProblem(
  services: Services,
  draft: BudgetDraft,
  how: 'read' | 'cached',
): Promise<{ problem?: string; note?: string } | undefined> {
  const heroku = services.sources.heroku;
  const { scope } = draft;
  if (!heroku || (scope.kind !== 'app' && scope.kind !== 'team')) return undefined;
  let inventory: Awaited<ReturnType<typeof heroku.inventory>> | undefined;
  try {
    inventory =
      how === 'read'
        ? await heroku.inventory()
        : await heroku.inventory({ anyAge: true, cachedOnly: true }).catch(() => undefined);
  } catch {
    return undefined;
  }
  if (!inventory) {
    return {
      note: `${scope.kind === 'app' ? 'App' : 'Team'} ${scope.value} was not checked against Heroku: no list of Heroku apps has been read here yet, and this form cannot wait for one. If Heroku has no such ${scope.kind}, \`/hosting budget list\` shows the budget as not read; \`/hosting budget set\` checks the name with Heroku.`,
    };
  }
  const { apps, teams, gaps } = inventory.value;
  const wanted = scope.value.toLowerCase();
  const names =
    scope.kind === 'app'
      ? [...apps.map((app) => app.name), ...gaps.flatMap((gap) => (gap.app ? [gap.app] : []))]
      : [...teams.map((team) => team.name), ...apps.flatMap((app) => (app.team ? [app.team.name] : []))];
  const known = [...new Set(names)];
  if (known.some((name) => name.toLowerCase() === wanted)) return undefined;
  const notListedYet =
    how === 'read' && notListedYetNote({ ...inventory, staleBecause: inventory.staleBecause?.message });
  const there =
    known.length > 0
      ? `: it sees ${someNames(known)}; e.g. ${scope.kind}=${[...known].sort()[0]}`
      : `, which sees no ${scope.kind === 'app' ? 'apps' : 'teams'}`;
  // The form's list may be of any age: it says how old, and where a name made since is found.
  const since =
    how === 'cached'
      ? ` The list of ${scope.kind}s is ${freshnessLabel({ ...inventory, staleBecause: inventory.staleBecause?.message })}: for ${scope.kind === 'app' ? 'an app' : 'a team'} made since, \`/hosting budget set\` asks Heroku again.`
      : scope.kind === 'app' && notListedYet
        ? ` ${notListedYet}`
        : '';
  return {
    problem: `There is no Heroku ${scope.kind} named ${scope.value} among those this token sees${there}.${since}`,
  };
}

export function parseBudgetCommand(text: string) {
  return parseBudgetSet(text);
}

export async function deleteBudget(
  services: Services,
  rawName: string,
  actor: string,
): Promise<{ ok: boolean; message: string }> {
  const name = checkName(rawName || '');
  if (!rawName || 'error' in name) {
    return {
      ok: false,
      message: `Say which budget to delete, e.g. \`/hosting budget delete web-prod\`; \`/hosting budget list\` shows their names.`,
    };
  }
  if (!(await services.store.deleteBudget(name.value))) {
    return {
      ok: false,
      message: `There is no budget called ${name.value}; \`/hosting budget list\` shows the ones there are.`,
    };
  }
  await services.store.audit({
    at: services.now(),
    actor,
    action: 'budget-delete',
    detail: `deleted budget ${name.value}`,
  });
  return { ok: true, message: `Deleted budget ${name.value}. It sends no more alerts.` };
}

/** `Heroku, team acme-eng, $2,000.00/month, alerts at 50, 80, 100 % and on forecast` */
export function describeBudget(budget: BudgetDraft): string {
  const levels = `alerts at ${budget.thresholds.join(', ')} %${budget.forecast ? ' and on forecast' : ''}`;
  return `${platformLabel(budget.platform)}, ${describeScope(budget.scope)}, ${formatUsd(fromCents(budget.amountCents))}/month, ${levels}`;
}

/**
 * Every budget with where it stands this month (cached figures: at most one Cost Explorer request a
 * day), in natural name order; `shown` says which of them the person sees, for the audit log.
 */
export async function listBudgets(
  services: Services,
  actor: string,
  shown: (count: number) => string = (count) => `${count}`,
): Promise<BudgetStatus[]> {
  const now = services.now();
  const statuses = await budgetStatuses(services, await gatherAlertData(services, now), undefined, {
    herokuRunRate: true,
  });
  statuses.sort((a, b) => byBudgetName(a.budget, b.budget));
  await services.store.audit({
    at: now,
    actor,
    action: 'budget-list',
    detail: `listed ${shown(statuses.length)} budgets`,
  });
  return statuses;
}

export { BUDGET_EXAMPLE };
