import type Decimal from 'decimal.js';
import fc from 'fast-check';
import { type CostLine, estimate, type PlatformCost } from '../../src/core/model';
import { fromCents, sumMoney, toCents } from '../../src/core/money';
import type { Workload } from '../../src/core/workload';
import { anyWorkload, catalog, options } from '../support/workload-arbitraries';

const platforms = (w: Workload, o: { awsCompute: 'ec2' | 'fargate' }): PlatformCost[] => {
  const e = estimate(w, catalog, o);
  return [e.heroku, e.aws];
};

describe('estimate properties', () => {
  it('a total is the sum of its lines as shown (each rounded once to the cent), infrastructure of the non-ops lines', () => {
    const shown = (lines: readonly { monthly: Decimal }[]) => sumMoney(lines.map((l) => fromCents(toCents(l.monthly))));
    fc.assert(
      fc.property(anyWorkload, options, (w, o) => {
        const e = estimate(w, catalog, o);
        for (const cost of [e.heroku, e.aws]) {
          expect(cost.total.equals(shown(cost.lines))).toBe(true);
          expect(cost.infrastructure.equals(shown(cost.lines.filter((l) => l.category !== 'ops')))).toBe(true);
          expect(cost.total.equals(cost.infrastructure.plus(cost.ops))).toBe(true);
        }
        expect(e.tiers.map((t) => t.id)).toEqual(['like-for-like', 'consolidated', 'optimised']);
        for (const tier of e.tiers) expect(tier.infrastructure.equals(shown(tier.lines))).toBe(true);
        expect(e.range.low.lessThanOrEqualTo(e.range.high)).toBe(true);
      }),
    );
  });

  it('consolidating never costs more than like-for-like, nor optimising more than consolidating (Heroku → AWS)', () => {
    fc.assert(
      fc.property(anyWorkload, options, (w, o) => {
        fc.pre(w.origin === 'heroku');
        const [like, consolidated, optimised] = estimate(w, catalog, o).tiers.map((t) => toCents(t.infrastructure));
        expect(consolidated).toBeLessThanOrEqual(like);
        expect(optimised).toBeLessThanOrEqual(consolidated);
      }),
    );
  });

  it('never calls a side that leaves an item out the cheaper; names the other only when its bound already costs more', () => {
    fc.assert(
      fc.property(anyWorkload, options, (w, o) => {
        const e = estimate(w, catalog, o);
        const current = e.current === 'heroku' ? e.heroku : e.aws;
        const tier = e.tiers.find((t) => t.id === e.verdict.tier)!;
        const sides = [
          {
            platform: current.platform,
            infrastructure: toCents(current.infrastructure),
            partial: current.unpriced.length > 0,
          },
          { platform: tier.platform, infrastructure: toCents(tier.infrastructure), partial: tier.unpriced.length > 0 },
        ];
        const partial = sides.filter((s) => s.partial);
        if (partial.length === 0) {
          expect(e.verdict.kind === 'incomplete').toBe(false);
          return;
        }
        // Items left out only add to a total: a winner only when the one partial side already costs more.
        const whole = sides.find((s) => !s.partial);
        const decided = partial.length === 1 && partial[0].infrastructure > whole!.infrastructure;
        expect(e.verdict.kind).toBe(decided ? 'cheaper' : 'incomplete');
        for (const cheaper of [e.cheaper, e.verdict.cheaper, e.withOps.cheaper])
          if (cheaper !== undefined && cheaper !== 'unknown') expect(cheaper).toBe(whole!.platform);
        if (decided) {
          expect([e.cheaper, e.atLeast, toCents(e.difference)]).toEqual([
            whole!.platform,
            true,
            partial[0].infrastructure - whole!.infrastructure,
          ]);
        } else expect(e.cheaper).toBe('unknown');
      }),
    );
  });

  it('every line is monthly = quantity × unit price', () => {
    fc.assert(
      fc.property(anyWorkload, options, (w, o) => {
        for (const cost of platforms(w, o)) {
          for (const l of cost.lines)
            expect(l.monthly.toDecimalPlaces(6).equals(l.unitPrice.times(l.quantity).toDecimalPlaces(6))).toBe(true);
        }
      }),
    );
  });

  it('adding a dyno or instance never lowers any total', () => {
    fc.assert(
      fc.property(anyWorkload, options, fc.nat(), (w, o, pick) => {
        const index = pick % w.processes.length;
        const more = { ...w, processes: w.processes.map((p, i) => (i === index ? { ...p, count: p.count + 1 } : p)) };
        const before = platforms(w, o);
        const after = platforms(more, o);
        for (const i of [0, 1]) {
          expect(after[i].infrastructure.greaterThanOrEqualTo(before[i].infrastructure)).toBe(true);
          expect(after[i].total.greaterThanOrEqualTo(before[i].total)).toBe(true);
        }
      }),
    );
  });

  it('every line, priced or not, has a source and an ISO as-of date', () => {
    fc.assert(
      fc.property(anyWorkload, options, (w, o) => {
        for (const cost of platforms(w, o)) {
          const all: CostLine[] = [...cost.lines, ...cost.unpriced];
          for (const l of all) {
            expect(l.source.length).toBeGreaterThan(0);
            expect(l.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          }
        }
      }),
    );
  });

  it('a contract item never shows as $0: it has no amount and says how to set one', () => {
    fc.assert(
      fc.property(anyWorkload, options, (w, o) => {
        for (const cost of platforms(w, o)) {
          for (const l of cost.unpriced) {
            expect(l.monthly).toBeNull();
            expect(l.note).toMatch(/PRICING_FILE|not in the price list/);
          }
          for (const l of cost.lines) if (l.contractPrice) expect(l.monthly.isZero()).toBe(false);
        }
      }),
    );
  });

  it('HIPAA or PCI on Heroku always brings a Space fee line', () => {
    fc.assert(
      fc.property(anyWorkload, options, (w, o) => {
        fc.pre(w.compliance.length > 0);
        const e = estimate(w, catalog, o);
        const all = [...e.heroku.lines, ...e.heroku.unpriced];
        expect(all.some((l) => /Private Space$/.test(l.item))).toBe(true);
        for (const tier of e.current === 'aws' ? e.tiers : [])
          expect([...tier.lines, ...tier.unpriced].some((l) => /Private Space$/.test(l.item))).toBe(true);
      }),
    );
  });
});
