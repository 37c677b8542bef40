import Decimal from 'decimal.js';
import { z } from 'zod';
import { SourceError } from '../source-error';
import type { HerokuApi } from './heroku-api';
import { RequestBudget } from './request-budget';
import type { HerokuInvoice, HerokuInvoices, HerokuRef, HerokuTeamUsage } from './types';
import {
  type InvoiceWire,
  invoiceWire,
  type TeamInvoiceWire,
  teamInvoiceWire,
  teamMonthlyUsageWire,
  teamWire,
} from './wire';

/** Heroku invoices and Enterprise team usage: read on request, apart from the inventory. */

/**
 * Invoice amounts: the schema does not state the unit. Team invoices are integers (examples
 * 25000, 100000) and read as cents; account invoices are typed `number` (example 100.0), but
 * public code that reads the live API divides account `total` by 100 ("heroku returns this * 100").
 * Both are therefore read as cents. Said next to every invoice figure.
 */
export const INVOICE_UNIT_NOTE =
  'Heroku does not document invoice units; amounts are read as cents (team invoices are integers, and live account invoices have been observed as cents).';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const enc = encodeURIComponent;

export async function readInvoices(api: HerokuApi, budget: RequestBudget): Promise<HerokuInvoices> {
  const unavailable: HerokuInvoices['unavailable'] = [];
  const readable = async <T>(scope: string, fetch: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await fetch();
    } catch (error) {
      if (error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found')) {
        unavailable.push({ scope, reason: error.message });
        return [];
      }
      throw error;
    }
  };
  const [accountInvoices, teams] = await Promise.all([
    readable('account', () => api.list('/account/invoices', invoiceWire, budget)),
    api.list('/teams', teamWire, budget),
  ]);
  const teamInvoices = await Promise.all(
    teams.map((team) =>
      readable(team.name, () => api.list(`/teams/${enc(team.id)}/invoices`, teamInvoiceWire, budget)),
    ),
  );
  const invoices: HerokuInvoice[] = [
    ...accountInvoices.map((invoice) => toInvoice(invoice, 'account')),
    ...teams.flatMap((team, index) =>
      teamInvoices[index].map((invoice) => toTeamInvoice(invoice, { id: team.id, name: team.name })),
    ),
  ];
  invoices.sort(
    (a, b) => b.periodStart.localeCompare(a.periodStart) || (a.team?.name ?? '').localeCompare(b.team?.name ?? ''),
  );
  return { invoices, unavailable, unitNote: INVOICE_UNIT_NOTE };
}

/**
 * Monthly usage of an Enterprise team (dyno units and add-on credits, not dollars). A team that
 * is not Enterprise, or a token that may not see its usage, gives `{ available: false, reason }`.
 */
export async function readTeamUsage(
  api: HerokuApi,
  requestBudget: number,
  team: string,
  month: string,
): Promise<HerokuTeamUsage> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month must be YYYY-MM, got "${month}"`);
  const budget = new RequestBudget(Math.min(requestBudget, 20), 'a Heroku team usage request');
  let ref: HerokuRef;
  try {
    const found = await api.get(`/teams/${enc(team)}`, teamWire, budget);
    ref = { id: found.id, name: found.name };
  } catch (error) {
    if (error instanceof SourceError && (error.kind === 'not-found' || error.kind === 'permission')) {
      return { available: false, reason: `This Heroku token sees no team "${team}".` };
    }
    throw error;
  }
  if (!UUID.test(ref.id)) {
    throw new SourceError('heroku', 'bad-response', `Heroku gave team ${ref.name} an id that is not a UUID.`);
  }
  try {
    const rows = await api.get(
      `/teams/${enc(ref.id)}/usage/monthly?start=${month}&end=${month}`,
      z.array(teamMonthlyUsageWire),
      budget,
    );
    const rowsForMonth = rows.filter((row) => row.month === month);
    const sum = (pick: (row: (typeof rows)[number]) => number | null | undefined) =>
      rowsForMonth.reduce((total, row) => total.plus(pick(row) ?? 0), new Decimal(0)).toNumber();
    const appTotals = new Map<string, { dynos: Decimal; data: Decimal; partner: Decimal }>();
    for (const row of rowsForMonth) {
      for (const app of row.apps ?? []) {
        const totals = appTotals.get(app.app_name) ?? {
          dynos: new Decimal(0),
          data: new Decimal(0),
          partner: new Decimal(0),
        };
        totals.dynos = totals.dynos.plus(app.dynos ?? 0);
        totals.data = totals.data.plus(app.data ?? 0);
        totals.partner = totals.partner.plus(app.partner ?? 0);
        appTotals.set(app.app_name, totals);
      }
    }
    const firstParty = sum((row) => row.data);
    const partner = sum((row) => row.partner);
    return {
      available: true,
      team: ref,
      month,
      totals: {
        dynoUnits: sum((row) => row.dynos),
        addonCredits: new Decimal(firstParty).plus(partner).toNumber(),
        firstPartyCredits: firstParty,
        partnerCredits: partner,
        spaceCredits: sum((row) => row.space),
        connectRows: sum((row) => row.connect),
      },
      apps: [...appTotals.entries()]
        .map(([app, totals]) => ({
          app,
          dynoUnits: totals.dynos.toNumber(),
          addonCredits: totals.data.plus(totals.partner).toNumber(),
          firstPartyCredits: totals.data.toNumber(),
          partnerCredits: totals.partner.toNumber(),
        }))
        .sort((a, b) => b.dynoUnits - a.dynoUnits || a.app.localeCompare(b.app)),
      note: 'Heroku reports Enterprise usage in dyno units and add-on credits, not dollars; their price is set by your contract.',
    };
  } catch (error) {
    if (error instanceof SourceError && (error.kind === 'permission' || error.kind === 'not-found')) {
      const status = error.kind === 'permission' ? '403 Forbidden' : '404 Not Found';
      return {
        available: false,
        reason:
          `Heroku has no usage to show for team ${ref.name} (${status}). ` +
          'Usage is reported only for Heroku Enterprise teams, to their admins.',
      };
    }
    throw error;
  }
}

/** `01/31/2014` or `2014-01-31[T…]` → `2014-01-31`; anything else as sent. */
export function invoiceDay(value: string): string {
  const us = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value.trim());
  if (us) return `${us[3]}-${us[1]}-${us[2]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return iso ? iso[1] : value;
}

function cents(value: number): number {
  return new Decimal(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

function toInvoice(invoice: InvoiceWire, scope: 'account'): HerokuInvoice {
  return {
    scope,
    id: invoice.id,
    number: invoice.number ?? null,
    periodStart: invoiceDay(invoice.period_start),
    periodEnd: invoiceDay(invoice.period_end),
    state: invoice.state ?? null,
    chargesCents: cents(invoice.charges_total),
    creditsCents: cents(invoice.credits_total),
    totalCents: cents(invoice.total),
  };
}

function toTeamInvoice(invoice: TeamInvoiceWire, team: HerokuRef): HerokuInvoice {
  return {
    ...toInvoice(invoice, 'account'),
    scope: 'team',
    team,
    ...(invoice.addons_total != null ? { addonsCents: cents(invoice.addons_total) } : {}),
    ...(invoice.database_total != null ? { databaseCents: cents(invoice.database_total) } : {}),
    ...(invoice.platform_total != null ? { platformCents: cents(invoice.platform_total) } : {}),
    ...(invoice.dyno_units != null ? { dynoUnits: invoice.dyno_units } : {}),
    ...(invoice.payment_status ? { paymentStatus: invoice.payment_status } : {}),
  };
}
