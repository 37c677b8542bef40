/**
 * Money as people read it: the dollars shown for whole cents are written without Intl on the hot path,
 * so they are checked here against Intl's en-US currency format, which they must match to the character.
 */
import fc from 'fast-check';
import { formatCents, formatUsd, fromCents, toCents, usd } from '../../src/core/money';
import { rememberedFormat, upToThreePlaces } from '../../src/core/remembered-format';

const intl = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

describe('formatCents', () => {
  it('writes every amount as en-US currency does: sign, grouping, two decimals', () => {
    const cents = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom(0, -0, 1, -1, 9, 10, 99, 100, 99_999, 100_000, 99_999_999, 100_000_000, 9e13 - 1, 9e13),
    );
    fc.assert(
      fc.property(cents, (c) => {
        expect(formatCents(c)).toBe(intl.format(c / 100));
      }),
      { numRuns: 5000 },
    );
  });

  it('shows a negative zero as Intl does', () => {
    expect(formatCents(-0)).toBe('-$0.00');
    expect(formatCents(123_456_789)).toBe('$1,234,567.89');
    expect(formatCents(-1205)).toBe('-$12.05');
  });
});

describe('totals made from cents', () => {
  it('keep their cents, and show the same as rounding the Decimal again', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (c) => {
        const total = fromCents(c);
        expect(toCents(total)).toBe(c);
        expect(formatUsd(total)).toBe(intl.format(c / 100));
        // The same amount built another way (no remembered cents) rounds to the same.
        expect(toCents(usd(total.toString()))).toBe(c);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('remembered number formats', () => {
  it('write each figure as Intl does, the second time as the first, negative zero included', () => {
    const intlQuantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
    const quantity = rememberedFormat(upToThreePlaces, 50);
    const figures = fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer(), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(figures, { maxLength: 80 }), (values) => {
        for (const value of [...values, ...values]) expect(quantity(value)).toBe(intlQuantity.format(value));
      }),
    );
    expect([quantity(0), quantity(-0), quantity(0)]).toEqual(['0', '-0', '0']);
  });

  it('round at the third decimal as Intl does, halves away from zero, from the shortest decimal text', () => {
    const intlQuantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
    const halves = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 2000);
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: false }), halves, fc.double({ min: -1e-3, max: 1e-3 })), (value) => {
        expect(upToThreePlaces(value)).toBe(intlQuantity.format(value));
      }),
      { numRuns: 5000 },
    );
    expect([1.0005, 0.9995, -2.0005, 1234567.8915].map(upToThreePlaces)).toEqual([
      '1.001',
      '1',
      '-2.001',
      '1,234,567.892',
    ]);
  });
});
