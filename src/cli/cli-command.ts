import type { Config } from '../config';
import type { PricingOverrides } from '../core/pricing';
import type { PriceBook } from '../price-book';
import type { CliOutcome } from './cli-outcome';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  config: Config;
  /** PRICING_FILE, read and checked. */
  overrides?: PricingOverrides;
  /** The price book Slack answers with (PRICING_FILE > stored live prices > bundled), read on first use. */
  prices(): Promise<PriceBook>;
  io: CliIo;
  now: () => Date;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  examples: string[];
  /** Resolves to how it ended; run-cli.ts alone turns that into the exit code (cli-outcome.ts). */
  run(args: string[], context: CliContext): Promise<CliOutcome>;
}
