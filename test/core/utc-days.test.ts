/**
 * UTC day arithmetic is done on millisecond midnights; luxon's calendar (what it used before) is the
 * reference: the same answers for any real day, and the same refusal of a day that is not one.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { utcDays } from '../../src/core/heroku-run-rate';
import { addDays, dayCount, firstOfMonth, utcDayMs } from '../../src/core/utc-days';

const anyDay = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const luxon = (day: string) => DateTime.fromISO(day, { zone: 'utc' });

describe('UTC days', () => {
  test('adding days, counting them, the month start and the list of days agree with the calendar', () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: -800, max: 800 }),
        fc.integer({ min: -30, max: 30 }),
        (day, days, months) => {
          expect(addDays(day, days)).toBe(luxon(day).plus({ days }).toISODate());
          const later = addDays(day, Math.abs(days));
          expect(dayCount(day, later)).toBe(Math.abs(days));
          expect(firstOfMonth(day, months)).toBe(luxon(day).startOf('month').plus({ months }).toISODate());
          const list = utcDays(day, addDays(day, Math.abs(days) % 70));
          expect(list).toHaveLength(Math.abs(days) % 70);
          expect(list).toEqual(list.map((_, i) => luxon(day).plus({ days: i }).toISODate()));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('leap days and month ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(firstOfMonth('2026-12-15', 1)).toBe('2027-01-01');
    expect(firstOfMonth('2026-01-31', -1)).toBe('2025-12-01');
    expect(dayCount('2024-02-01', '2024-03-01')).toBe(29);
  });

  test('a day that is not a real one is refused, not moved to the next month', () => {
    for (const bad of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1', '', 'today']) {
      expect(utcDayMs(bad)).toBeNaN();
      expect(() => addDays(bad, 1)).toThrow(`not a UTC day YYYY-MM-DD: "${bad}"`);
    }
    expect(() => utcDays('2026-02-30', '2026-03-05')).toThrow('fromDay is not a real day: "2026-02-30"');
    expect(() => utcDays('2026-02-01', '2026/03/05')).toThrow('toDay must be a UTC day YYYY-MM-DD, got "2026/03/05"');
  });
});
