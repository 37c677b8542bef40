import type { Config } from '../config';
import type { Catalog } from '../core/pricing';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export interface CliContext {
  config: Config;
  /** List prices with PRICING_FILE applied. */
  catalog: Catalog;
  io: CliIo;
  now: () => Date;
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  examples: string[];
  /** Resolves to the exit code: 0 done, 1 bad input or a failed source. */
  run(args: string[], context: CliContext): Promise<number>;
}
