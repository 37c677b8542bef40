import {
  isKeyValueService,
  isPostgresService,
  keyValueTier,
  POSTGRES_TIERS,
  planName,
  postgresIsHighlyAvailable,
  postgresTier,
} from '../../pricing/heroku-tiers';
import { combineResults } from '../combine';
import type { HerokuAddOnInventory, HerokuAppInventory, HerokuInventory, HerokuMemberInventory } from '../inventory';
import { listOf } from '../phrases';
import type { CheckResult, HerokuCheckId } from '../types';
import { HEROKU_PCI_STATUS } from './heroku-pci-status';

type InventoryCheck = (heroku: HerokuInventory) => CheckResult | null;

const NO_APPS: CheckResult = { status: 'attention', detail: 'No apps were visible to the Heroku token.' };

/** "Every app", or "Every app read" when some could not be read: a check never speaks for apps it did not see. */
function every(heroku: HerokuInventory, noun: string): string {
  return (heroku.appsNotRead ?? []).length > 0 ? `Every ${noun} read` : `Every ${noun}`;
}

/**
 * Apps whose formation the token could not read: they are not in `apps`, so whatever the check found,
 * it is unknown for them, never "met". Heroku's answer is in the checklist's notes.
 */
function unreadApps(heroku: HerokuInventory): CheckResult | null {
  const unread = heroku.appsNotRead ?? [];
  if (unread.length === 0) return null;
  const one = unread.length === 1;
  return {
    status: 'attention',
    detail: `${unread.length} app${one ? '' : 's'} could not be read, so ${one ? 'it was' : 'they were'} not checked: ${listOf(unread.map(({ app }) => app))}; check ${one ? 'it' : 'them'} by hand.`,
  };
}

/** A check over the apps, said to be incomplete when some apps could not be read. */
const overApps =
  (check: InventoryCheck): InventoryCheck =>
  (heroku) =>
    combineResults([check(heroku), unreadApps(heroku)]);

function whereItRuns(app: HerokuAppInventory): string {
  if (app.space === null) return `${app.name} (Common Runtime)`;
  return `${app.name} (${app.space.shield ? 'Shield' : 'Private'} Space ${app.space.name})`;
}

function addOnsOf(heroku: HerokuInventory): { app: HerokuAppInventory; addOn: HerokuAddOnInventory }[] {
  return heroku.apps.flatMap((app) => app.addOns.map((addOn) => ({ app, addOn })));
}

function describeAddOn({ app, addOn }: { app: HerokuAppInventory; addOn: HerokuAddOnInventory }): string {
  return `${app.name}: ${addOn.service} ${planName(addOn.plan)}`;
}

function describeMember(member: HerokuMemberInventory): string {
  return member.team === undefined ? member.email : `${member.email} (${member.team})`;
}

function shieldCompute(heroku: HerokuInventory): CheckResult | null {
  if (heroku.apps.length === 0) return NO_APPS;
  const outside = heroku.apps.filter((app) => app.space?.shield !== true);
  if (outside.length > 0) {
    return {
      status: 'gap',
      detail: `Apps outside a Shield Private Space, so they cannot hold PHI: ${listOf(outside.map(whereItRuns))}. Third-party HIPAA guides say PHI on Heroku needs a Shield Private Space; confirm with your Salesforce account team.`,
    };
  }
  return {
    status: 'met',
    detail: `${every(heroku, 'app')} runs in a Shield Private Space (${heroku.apps.length} read).`,
  };
}

function declares(regime: 'HIPAA' | 'PCI', status: 'gap' | 'attention'): InventoryCheck {
  return (heroku) => {
    const addOns = addOnsOf(heroku);
    if (addOns.length === 0) return { status: 'not-applicable', detail: 'No add-ons on the apps read.' };
    const lacking = addOns.filter(({ addOn }) => !(addOn.compliance ?? []).includes(regime));
    if (lacking.length > 0) {
      return {
        status,
        detail: `Add-on plans that do not declare ${regime} in plan.compliance: ${listOf(lacking.map(describeAddOn))}.`,
      };
    }
    return {
      status: 'met',
      detail: `${every(heroku, 'add-on plan')} declares ${regime} in plan.compliance (${addOns.length} read).`,
    };
  };
}

function privateSpace(heroku: HerokuInventory): CheckResult | null {
  if (heroku.apps.length === 0) return NO_APPS;
  const common = heroku.apps.filter((app) => app.space === null);
  if (common.length > 0) {
    return {
      status: 'gap',
      detail: `Apps in the Common Runtime, outside any Private Space's network isolation: ${listOf(common.map((app) => app.name))}.`,
    };
  }
  return {
    status: 'met',
    detail: `${every(heroku, 'app')} runs in a Private or Shield Space (${heroku.apps.length} read).`,
  };
}

function dataAtRest(heroku: HerokuInventory): CheckResult | null {
  if (heroku.apps.length === 0) return NO_APPS;
  const parts: CheckResult[] = [];
  const addOns = addOnsOf(heroku);
  const postgres = addOns.filter(({ addOn }) => isPostgresService(addOn.service));
  if (postgres.length > 0) {
    parts.push({
      status: 'met',
      detail: `Postgres disk encryption (every tier): ${listOf(postgres.map(describeAddOn))}.`,
    });
  }
  const unencryptedCache = addOns.filter(
    ({ addOn }) => isKeyValueService(addOn.service) && keyValueTier(addOn.plan) === 'mini',
  );
  if (unencryptedCache.length > 0) {
    parts.push({
      status: 'attention',
      detail: `Key-Value Store plans not listed as encrypted at rest (only premium, private and shield are): ${listOf(unencryptedCache.map(describeAddOn))}.`,
    });
  }
  const outsideShield = heroku.apps.filter((app) => app.space?.shield !== true);
  parts.push(
    outsideShield.length > 0
      ? {
          status: 'attention',
          detail: `An encrypted ephemeral file system is documented only for Shield dynos: keep sensitive data off the dyno disks of ${listOf(outsideShield.map((app) => app.name))}.`,
        }
      : { status: 'met', detail: 'Shield dynos: encrypted ephemeral file system.' },
  );
  return combineResults(parts);
}

function tls(heroku: HerokuInventory): CheckResult | null {
  if (heroku.apps.length === 0) return NO_APPS;
  const outsideShield = heroku.apps.filter((app) => app.space?.shield !== true);
  if (outsideShield.length > 0) {
    return {
      status: 'attention',
      detail: `Refusing TLS 1.0 is documented only for Shield Private Spaces: check the TLS versions accepted by ${listOf(outsideShield.map((app) => app.name))}.`,
    };
  }
  // Refusing TLS 1.0 is a floor on the version, not "TLS only" (see the workload check).
  return {
    status: 'attention',
    detail: `${every(heroku, 'app')} is in a Shield Private Space, which refuses TLS 1.0; that the apps serve only HTTPS and reach every service over TLS is not in the data read: check it.`,
  };
}

function spaceLogging(heroku: HerokuInventory): CheckResult | null {
  if (heroku.apps.length === 0) return NO_APPS;
  const spaces = heroku.apps.flatMap((app) => (app.space === null ? [] : [app.space.name]));
  const common = heroku.apps.filter((app) => app.space === null).map((app) => app.name);
  const parts: string[] = ['Log drains are not in the data read.'];
  if (spaces.length > 0) parts.push(`Check Private Space Logging on ${listOf(spaces)}.`);
  if (common.length > 0) parts.push(`Common Runtime apps need their own log drains: ${listOf(common)}.`);
  return { status: 'attention', detail: parts.join(' ') };
}

function postgresHa(heroku: HerokuInventory): CheckResult | null {
  const postgres = addOnsOf(heroku).filter(({ addOn }) => isPostgresService(addOn.service));
  if (postgres.length === 0)
    return { status: 'not-applicable', detail: 'No Heroku Postgres add-ons on the apps read.' };
  const notHa: string[] = [];
  const unknown: string[] = [];
  for (const entry of postgres) {
    const tier = postgresTier(entry.addOn.plan);
    if (tier === undefined) unknown.push(describeAddOn(entry));
    else if (!postgresIsHighlyAvailable(tier)) notHa.push(`${describeAddOn(entry)} (${POSTGRES_TIERS[tier].note})`);
  }
  const parts: CheckResult[] = [];
  if (notHa.length > 0) {
    parts.push({
      status: 'attention',
      detail: `Postgres without high availability: ${listOf(notHa)}. Premium, Private and Shield plans are HA with 1-week rollback.`,
    });
  }
  if (unknown.length > 0) {
    parts.push({ status: 'attention', detail: `Postgres plans not recognised: ${listOf(unknown)}.` });
  }
  if (parts.length === 0) {
    parts.push({
      status: 'met',
      detail: `${every(heroku, 'Postgres database')} is on an HA plan (${postgres.length} read).`,
    });
  }
  return combineResults(parts);
}

/**
 * Teams whose members the token could not list: their two-factor and roles are unknown, never "none
 * missing". Heroku's answer is in the checklist's notes.
 */
function unreadMembers(heroku: HerokuInventory, check: string): CheckResult | null {
  const unread = heroku.membersNotRead ?? [];
  if (unread.length === 0) return null;
  return {
    status: 'attention',
    detail: `The members of ${listOf(unread.map(({ team }) => `team ${team}`))} could not be read: check their ${check} by hand.`,
  };
}

function mfa(heroku: HerokuInventory): CheckResult | null {
  const unread = unreadMembers(heroku, 'two-factor authentication');
  const without = heroku.members.filter((member) => !member.twoFactor);
  const parts: CheckResult[] = [];
  if (without.length > 0) {
    parts.push({
      status: 'gap',
      detail: `Team members without two-factor authentication: ${listOf(without.map(describeMember))}.`,
    });
  }
  if (unread) parts.push(unread);
  if (parts.length > 0) return combineResults(parts);
  if (heroku.members.length === 0) {
    return {
      status: 'attention',
      detail: 'No team members were visible: check two-factor authentication on each account by hand.',
    };
  }
  return { status: 'met', detail: `Every team member has two-factor authentication (${heroku.members.length} read).` };
}

function roles(heroku: HerokuInventory): CheckResult | null {
  const unread = unreadMembers(heroku, 'roles');
  const withRoles = heroku.members.filter((member) => member.role !== undefined);
  if (withRoles.length === 0) return unread;
  const elevated = withRoles.filter((member) => member.role === 'admin' || member.role === 'owner');
  const review: CheckResult =
    elevated.length === 0
      ? { status: 'met', detail: 'No team member has an admin or owner role.' }
      : {
          status: 'attention',
          detail: `Review who needs an elevated role: ${listOf(elevated.map((member) => `${describeMember(member)} ${member.role}`))}.`,
        };
  return combineResults([review, unread]);
}

export const HEROKU_INVENTORY_CHECKS: Record<HerokuCheckId, InventoryCheck> = {
  'heroku-shield-compute': overApps(shieldCompute),
  'heroku-shield-data': overApps(declares('HIPAA', 'gap')),
  'heroku-private-space': overApps(privateSpace),
  'heroku-data-at-rest': overApps(dataAtRest),
  'heroku-tls': overApps(tls),
  'heroku-space-logging': overApps(spaceLogging),
  'heroku-postgres-ha': overApps(postgresHa),
  'heroku-mfa': mfa,
  'heroku-roles': roles,
  // Which apps see card data is unknown, so a missing PCI declaration is something to look at, not a gap.
  'heroku-addon-pci': overApps(declares('PCI', 'attention')),
  'heroku-pci-status': () => HEROKU_PCI_STATUS,
};
