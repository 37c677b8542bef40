/**
 * A number format whose answers are remembered: the figures an answer shows repeat from line to
 * line and request to request (730 h, 1,460 h, 2 instances…). Bounded: the table is emptied when it
 * grows large. Negative zero (which Intl writes `-0`) is not remembered, as a Map does not tell it
 * from zero.
 */
export function rememberedFormat(format: (value: number) => string, max = 10_000): (value: number) => string {
  const known = new Map<number, string>();
  return (value) => {
    if (Object.is(value, -0)) return format(value);
    let text = known.get(value);
    if (text !== undefined) return text;
    text = format(value);
    if (known.size >= max) known.clear();
    known.set(value, text);
    return text;
  };
}

let intlThreePlaces: Intl.NumberFormat | undefined;

/**
 * `1,234.568`: en-US with at most three decimals, as `Intl.NumberFormat('en-US', {
 * maximumFractionDigits: 3 })` writes it (halves away from zero, trailing zeros dropped), from the
 * number's shortest decimal text. Intl itself only for what that text cannot say plainly (exponents,
 * -0, NaN): the first Intl formatter of a process loads ICU data, tens of milliseconds of a CLI start.
 */
export function upToThreePlaces(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || Object.is(value, -0)) {
    intlThreePlaces ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
    return intlThreePlaces.format(value);
  }
  const [, sign, whole, fraction = ''] = match as unknown as [string, string, string, string | undefined];
  let digits = whole! + fraction.slice(0, 3).padEnd(3, '0');
  if (fraction.length > 3 && fraction.charCodeAt(3) >= 53) digits = (BigInt(digits) + 1n).toString().padStart(4, '0');
  const places = digits.slice(-3).replace(/0+$/, '');
  const head = digits.slice(0, -3);
  const group = head.length % 3 || 3;
  let grouped = head.slice(0, group);
  for (let i = group; i < head.length; i += 3) grouped += `,${head.slice(i, i + 3)}`;
  return `${sign}${grouped}${places ? `.${places}` : ''}`;
}
