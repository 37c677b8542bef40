/**
 * Where each budget stood at the last budget check, kept in the store so the App Home list shows
 * figures without asking Cost Explorer (the check runs hourly on cached figures anyway). Plain data.
 */
import type { Services } from '../services';
import type { StoredBudget } from '../store/store';
import type { BudgetPart, BudgetStatus } from './budget-status';

const BUDGET_STANDING_KEY = 'budgets:standing';

interface BudgetFigures {
  actualCents: number;
  /** Null when the budget does not ask for a forecast or none could be made. */
  forecastCents: number | null;
  /** What could not be read (the figures are then not shown). */
  problems: string[];
  /** What the budget watched when checked (see `watches`); absent in standings saved before it was kept. */
  watches?: string;
  /** Each platform's part and what it is (see `BudgetPart`); absent in standings saved before they were kept. */
  parts?: BudgetPart[];
}

export interface BudgetStanding {
  /** YYYY-MM the figures are for. */
  month: string;
  checkedAt: Date;
  byId: Record<string, BudgetFigures>;
}

type StoredStanding = Omit<BudgetStanding, 'checkedAt'> & { checkedAt: string };

/** What a budget's figures depend on: its platform, scope and whether it asks for a forecast. */
const watches = (budget: StoredBudget) => JSON.stringify([budget.platform, budget.scope, budget.forecast]);

/** The last check's figures for this budget, unless it has since been set again to watch something else. */
export function figuresFor(standing: BudgetStanding | undefined, budget: StoredBudget): BudgetFigures | undefined {
  const figures = standing?.byId[budget.id];
  if (!figures || (figures.watches !== undefined && figures.watches !== watches(budget))) return undefined;
  return figures;
}

function standingOf(statuses: readonly BudgetStatus[], month: string, checkedAt: Date): StoredStanding {
  return {
    month,
    checkedAt: checkedAt.toISOString(),
    byId: Object.fromEntries(
      statuses.map(({ budget, spend, problems, parts }) => [
        budget.id,
        {
          actualCents: spend.actualCents,
          forecastCents: spend.forecastCents,
          problems,
          watches: watches(budget),
          parts,
        },
      ]),
    ),
  };
}

export async function saveStanding(
  services: Pick<Services, 'store'>,
  statuses: readonly BudgetStatus[],
  month: string,
  now: Date,
): Promise<void> {
  await services.store.cachePut(BUDGET_STANDING_KEY, standingOf(statuses, month, now), now);
}

function isStanding(value: unknown): value is StoredStanding {
  const v = value as Partial<StoredStanding> | null;
  return Boolean(
    v && typeof v.month === 'string' && typeof v.checkedAt === 'string' && v.byId && typeof v.byId === 'object',
  );
}

/** Every budget, and the last check's figures when they are for this month. */
export async function budgetsWithStanding(
  services: Pick<Services, 'store' | 'now'>,
): Promise<{ budgets: StoredBudget[]; standing?: BudgetStanding }> {
  const budgets = await services.store.budgets();
  if (budgets.length === 0) return { budgets };
  const entry = await services.store.cacheGet<unknown>(BUDGET_STANDING_KEY);
  const month = services.now().toISOString().slice(0, 7);
  if (!entry || !isStanding(entry.value) || entry.value.month !== month) return { budgets };
  return { budgets, standing: { ...entry.value, checkedAt: new Date(entry.value.checkedAt) } };
}
