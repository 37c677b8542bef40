/**
 * An Intl number format whose answers are remembered: the figures an answer shows repeat from line to
 * line and request to request (730 h, 1,460 h, 2 instances…), and Intl takes about a microsecond a
 * call. Bounded: the table is emptied when it grows large. Negative zero (which Intl writes `-0`) is
 * not remembered, as a Map does not tell it from zero.
 */
export function rememberedFormat(format: Intl.NumberFormat, max = 10_000): (value: number) => string {
  const known = new Map<number, string>();
  return (value) => {
    if (Object.is(value, -0)) return format.format(value);
    let text = known.get(value);
    if (text !== undefined) return text;
    text = format.format(value);
    if (known.size >= max) known.clear();
    known.set(value, text);
    return text;
  };
}
