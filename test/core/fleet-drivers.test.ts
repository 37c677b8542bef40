import { type FleetApp, modelFleet } from '../../src/core/model';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import { herokuWorkload } from '../support/heroku-workloads';

// docs/decisions.md, "Migrate's drivers never count a line twice".
const catalog = DEFAULT_CATALOG;

const workload = (processes: [string, number, string][], cache?: string) => herokuWorkload(processes, undefined, cache);

describe("migrate's drivers: a group overlapping one named before it is trimmed, not dropped", () => {
  // 6 apps of one shape (a Basic dyno and a mini Key-Value Store) and 4 Standard apps with a premium-0
  // Key-Value Store: the Key-Value Store group overlaps the shape group, and is cut down to the apps the
  // shape group does not hold.
  const fleet = modelFleet(
    [
      ...Array.from(
        { length: 6 },
        (_, i): FleetApp => ({ name: `tiny-${i + 1}`, workload: workload([['web', 1, 'basic']], 'mini') }),
      ),
      ...Array.from(
        { length: 4 },
        (_, i): FleetApp => ({
          name: `api-${i + 1}`,
          workload: workload([['web', 2, 'standard-2x']], `premium-${i}`),
        }),
      ),
    ],
    catalog,
  );
  const money = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);
  const reasons = fleet.drivers.filter((d) => / cheaper on (Heroku|AWS) by /.test(d));

  it('names the trimmed group for the apps left in it, and says which it leaves out', () => {
    expect(
      reasons.some((d) => d.startsWith('Heroku Key-Value Store (4 apps), besides the 6 apps counted above,')),
    ).toBe(true);
  });

  it('no two reasons share a line, and they add up with the rest to each total shown', () => {
    const footing = fleet.drivers.find((d) => d.startsWith('How these add up:'))!;
    const m =
      /^How these add up: Heroku (\$[\d,.]+)\/mo = its apps' own lines (\$[\d,.]+) \(the \d reasons above (\$[\d,.]+), the other apps' lines (\$[\d,.]+)\) \+ account-wide fees (\$[\d,.]+); AWS consolidated (\$[\d,.]+)\/mo = the apps' own lines like-for-like (\$[\d,.]+) \(the \d reasons above (\$[\d,.]+), the other apps' lines (-?\$[\d,.]+)\) \+ shared infrastructure (\$[\d,.]+) − packing (\$[\d,.]+)\.$/.exec(
        footing,
      );
    expect(m).not.toBeNull();
    const [
      ,
      herokuTotal,
      herokuOwn,
      herokuNamed,
      herokuRest,
      accountWide,
      awsTotal,
      awsOwn,
      awsNamed,
      awsRest,
      shared,
      packing,
    ] = m!.map((x, i) => (i === 0 ? 0 : money(x)));
    expect(herokuTotal).toBe(money(fleet.current.infrastructure.toFixed(2)));
    expect(herokuOwn).toBe(herokuNamed + herokuRest);
    expect(herokuTotal).toBe(herokuOwn + accountWide);
    expect(awsTotal).toBe(money(fleet.tiers[1].infrastructure.toFixed(2)));
    expect(awsOwn).toBe(awsNamed + awsRest);
    expect(awsTotal).toBe(awsOwn + shared - packing);
    // What the reasons name on each side is what their sentences say, and never more than the apps' own lines.
    const sides = reasons.map((d) => /: (\$[\d,.]+)\/mo on Heroku, (\$[\d,.]+)\/mo as their own AWS/.exec(d)!);
    expect(sides.reduce((n, s) => n + money(s[1]), 0)).toBe(herokuNamed);
    expect(sides.reduce((n, s) => n + money(s[2]), 0)).toBe(awsNamed);
    expect(herokuNamed).toBeLessThanOrEqual(herokuOwn);
    expect(awsNamed).toBeLessThanOrEqual(awsOwn);
  });
});
