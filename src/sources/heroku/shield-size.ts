/**
 * Heroku's API names a Shield Private Space's dynos by their Private sizes: a formation there reads
 * `Private-M`, and Heroku bills it as `Shield-M` ($540 against $450 a month). The Heroku CLI prices
 * and shows them that way (`size.replace('Private-', 'Shield-')` when `app.space.shield`, in
 * `heroku ps`, `ps:scale`, `spaces:ps` and its monthly cost), and sends `Shield-M` back as `Private-M`
 * when scaling. Read otherwise, every Shield dyno would be priced 17% low.
 */
const PRIVATE_PREFIX = /^private-/i;

/** The size a formation entry is billed as: `Private-M` in a Shield space is `Shield-M`; others as named. */
export function billedSizeName(sizeName: string, shieldSpace: boolean): string {
  if (!shieldSpace || !PRIVATE_PREFIX.test(sizeName)) return sizeName;
  const rest = sizeName.slice('private-'.length);
  return `${sizeName.charAt(0) === 'P' ? 'Shield' : 'shield'}-${rest}`;
}
