/**
 * How a Heroku figure says what it leaves out: contract-priced and unpriced items (Shield plans,
 * contract add-ons, the Space fees) are never counted as $0, and the spend answer and the digest say
 * how many with the same words.
 */
export function itemsNotCounted(count: number): string {
  return `${count} contract-priced or unpriced item${count === 1 ? '' : 's'} not counted (never as $0)`;
}
