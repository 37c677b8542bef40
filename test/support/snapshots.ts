/** A daily formation snapshot of an app running `quantity` × Standard-2X ($50 a month each), as the snapshot job stores it. */
export const standard2xSnapshot = (quantity: number, team: string | null = 'acme-eng') => ({
  v: 1,
  team,
  items: [
    {
      kind: 'dyno',
      key: 'dyno:web:standard-2x',
      item: 'web: standard-2x',
      quantity,
      unitMonthlyCents: 5000,
      contract: false,
    },
  ],
});
