import type { EstimateOptions } from '../model';
import type { Money } from '../money';
import type { Workload } from '../workload';

export type EstimateRequest =
  | {
      kind: 'workload';
      workload: Workload;
      /** Post the answer in the channel rather than only to the asker. */
      share: boolean;
      opsRate?: Money;
      /** Everything the command set for `estimate()`: ops rate, AWS compute and architecture. */
      options: EstimateOptions;
      /** `region=`: the AWS region to price, when not the configured one. */
      region?: string;
    }
  /** A live Heroku app: the adapter reads its formation and add-ons. */
  | { kind: 'app'; app: string; share: boolean; region?: string }
  /** No text: open the form. */
  | { kind: 'form' };

export type ParseResult = { ok: true; request: EstimateRequest } | { ok: false; message: string };
