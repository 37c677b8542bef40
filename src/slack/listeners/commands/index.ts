import type { App } from '@slack/bolt';
import type { Services } from '../../../services';
import { alertsSubcommand } from './alerts';
import { budgetSubcommand } from './budget';
import { complianceSubcommand } from './compliance';
import { digestSubcommand } from './digest';
import { estimateSubcommand } from './estimate';
import { hostingCommand } from './hosting-command';
import { migrateSubcommand } from './migrate';
import { paritySubcommand } from './parity';
import { pricesSubcommand } from './prices';
import { spendSubcommand } from './spend';
import type { Subcommand } from './subcommand';

/** The subcommands of `/hosting`, in the order help lists them (`help` itself aside). */
export function subcommands(): Subcommand[] {
  return [
    estimateSubcommand(),
    complianceSubcommand(),
    spendSubcommand(),
    paritySubcommand(),
    migrateSubcommand(),
    digestSubcommand(),
    budgetSubcommand(),
    alertsSubcommand(),
    pricesSubcommand(),
  ];
}

export function register(app: App, services: Services): void {
  app.command('/hosting', hostingCommand(subcommands(), services));
}
