/**
 * The Private and Shield Spaces a Heroku account's apps run in. Each is billed a fee of its own, a
 * contract price: Heroku's API gives no figure for it, and the daily snapshots (formations and
 * add-ons) do not record the Space an app runs in, so no spend figure or run-rate holds those fees.
 * An answer on those figures says they are left out, and how many, rather than reading as the bill.
 */

export interface SpaceRunIn {
  name: string;
  shield: boolean;
}

/** Each Space the apps run in once, by name (Common Runtime apps have none). */
export function spacesRunIn(apps: readonly { space?: SpaceRunIn | null }[]): SpaceRunIn[] {
  const byName = new Map<string, SpaceRunIn>();
  for (const app of apps) if (app.space) byName.set(app.space.name, { name: app.space.name, shield: app.space.shield });
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const kinds = (spaces: readonly SpaceRunIn[]): string => {
  const shield = spaces.filter((s) => s.shield).length;
  const parts = [
    ...(spaces.length - shield > 0
      ? [`${spaces.length - shield} Private Space${spaces.length - shield === 1 ? '' : 's'}`]
      : []),
    ...(shield > 0 ? [`${shield} Shield Private Space${shield === 1 ? '' : 's'}`] : []),
  ];
  return parts.join(' and ');
};

/** Why the fees are not in a figure, and who has them: said wherever they are counted as left out. */
const reason = (count: number) =>
  `${count === 1 ? 'a contract price' : 'contract prices'}, which neither Heroku's API nor the daily snapshots hold; your Heroku account executive or invoice has ${count === 1 ? 'it' : 'them'}`;

/** `the fees of the 2 Private Spaces and 1 Shield Private Space the apps run in (…)`; empty with none. */
export function spaceFeesClause(spaces: readonly SpaceRunIn[]): string {
  if (spaces.length === 0) return '';
  return `the fee${spaces.length === 1 ? '' : 's'} of the ${kinds(spaces)} the apps run in (${reason(spaces.length)})`;
}

/** One line a Space, for the details: which fee is not counted. */
export function spaceFeeDetails(spaces: readonly SpaceRunIn[]): string[] {
  return spaces.map(
    (s) =>
      `Not counted: the fee of ${s.shield ? 'Shield Private Space' : 'Private Space'} ${s.name} (a contract price).`,
  );
}
