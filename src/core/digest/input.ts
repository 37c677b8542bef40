/**
 * What the digest is computed from: fetched values only (the adapter in src/answers/digest.ts
 * gathers them). Structural types, so the core imports nothing from `sources`.
 */
import type { AppNotRead } from '../apps-not-read';
import type { LiveInventory } from '../compliance/inventory';
import type { Freshness } from '../freshness';
import type { SnapshotLeftOut, SnapshotRow } from '../heroku-run-rate';
import type { Money } from '../money';
import type { ParityReport } from '../parity';
import type { PriceDates } from '../price-dates';
import type { DailyCostLike } from '../spend/summary';
import type { DigestWeek, DigestWhy, PlatformUnavailable } from './types';

/** The modelled monthly cost of a platform's workload on the other platform, or why there is none. */
export type ModelledMonthly =
  | {
      monthly: Money;
      notes: string[];
      /** The cheapest and dearest tier, a month. */
      range?: { low: Money; high: Money };
      /** The oldest and newest dates of the sources these figures were priced from. */
      priceDates?: PriceDates;
    }
  | { error: string };

export interface AwsDigestInput {
  /** Daily cost by service over `DigestInput.range`. */
  daily: DailyCostLike & { start: string; end: string };
  freshness: Freshness;
  /** Cost Explorer's forecast for the rest of the month. */
  forecast: { available: true; total: string } | { available: false; reason: string };
  /** The AWS workload (from usage) priced on Heroku. */
  onHeroku: ModelledMonthly;
}

export interface HerokuDigestInput {
  /** Daily formation snapshots from the first day of the earliest month the digest needs. */
  snapshots: readonly SnapshotRow[];
  /** The apps days of those snapshots were written without (never read then), with Heroku's answer. */
  snapshotsLeftOut?: readonly SnapshotLeftOut[];
  /** Today's run-rate, cents a month, for the month-end projection; undefined when the live read failed. */
  runRateMonthlyCents?: number;
  /** Contract-priced or unpriced add-ons and dynos today's run-rate leaves out (Shield plans…). */
  runRateLeftOut?: number;
  /**
   * Private and Shield Spaces the apps run in: their fees are contract prices, in no snapshot and no
   * run-rate, so every Heroku figure leaves them out.
   */
  spaceFees?: number;
  freshness?: Freshness;
  /** Apps the live read left out (not read): not in the run-rate or the model, and said so. */
  notRead?: AppNotRead[];
  /** The Heroku apps priced on AWS. */
  onAws: ModelledMonthly;
}

export interface DigestInput {
  week: DigestWeek;
  /** Today's UTC day: month to date ends here (exclusive). */
  today: string;
  generatedAt: Date;
  aws: AwsDigestInput | PlatformUnavailable;
  heroku: HerokuDigestInput | PlatformUnavailable;
  /** What the live sources saw, for the compliance posture. */
  inventory: LiveInventory;
  /** Staging against production per Heroku pipeline; undefined when Heroku is off. */
  parity?: ParityReport | { error: string };
  /** Why each platform's spend moved, in words (made by src/answers/digest-why.ts). */
  why?: DigestWhy;
  costExplorer: { requestsThisRun: number; month: string; requestsThisMonth: number };
}
