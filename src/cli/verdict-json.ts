import type { Bounded, Verdict } from '../core/model';
import type { Money } from '../core/money';

const amount = (value: Money) => value.toFixed(2);

/** A comparison where one side may be a lower bound, as JSON: `atLeast` and `breakEven` only when they apply. */
export function boundedJson(b: Bounded) {
  return {
    cheaper: b.cheaper,
    difference: amount(b.difference),
    ...(b.atLeast ? { atLeast: true } : {}),
    ...(b.breakEven ? { breakEven: { platform: b.breakEven.platform, under: amount(b.breakEven.under) } } : {}),
  };
}

/** The verdict as JSON, the same for the estimate and migrate. */
export function verdictJson(v: Verdict) {
  return {
    tier: v.tier,
    kind: v.kind,
    ...(v.cheaper ? { cheaper: v.cheaper } : {}),
    ...(v.difference ? { difference: amount(v.difference) } : {}),
    missing: v.missing,
    ...(v.atLeast ? { atLeast: true } : {}),
    ...(v.breakEven ? { breakEven: { platform: v.breakEven.platform, under: amount(v.breakEven.under) } } : {}),
    // Add-ons left out of both sides alike, which change no difference (`missing` names them on each side).
    ...(v.alike ? { alike: v.alike } : {}),
  };
}
