import {
  dynoRuntime,
  keyValueTier,
  nearestShieldDyno,
  POSTGRES_TIERS,
  postgresIsHighlyAvailable,
  postgresTier,
} from '../../pricing/heroku-tiers';
import { cachesOf, databasesOf, type Workload } from '../../workload';
import { combineResults } from '../combine';
import { describeProcess, listOf } from '../phrases';
import type { CheckResult, HerokuCheckId } from '../types';
import { HEROKU_PCI_STATUS } from './heroku-pci-status';

type WorkloadCheck = (workload: Workload) => CheckResult | null;

const NO_PROCESSES: CheckResult = { status: 'not-applicable', detail: 'No processes in the workload.' };

function shieldCompute(workload: Workload): CheckResult | null {
  if (workload.processes.length === 0) return NO_PROCESSES;
  const outside = workload.processes.filter((process) => {
    const runtime = dynoRuntime(process.size);
    return runtime === 'common' || runtime === 'private';
  });
  const unknown = workload.processes.filter((process) => dynoRuntime(process.size) === undefined);
  const parts: CheckResult[] = [];
  if (outside.length > 0) {
    const named = outside.map((process) => {
      const shield = nearestShieldDyno(process.size);
      return shield === undefined
        ? describeProcess(process)
        : `${process.name} (${process.count}× ${process.size}, nearest Shield size ${shield})`;
    });
    parts.push({
      status: 'gap',
      detail: `Not Shield dynos, so they cannot hold PHI: ${listOf(named)}. Third-party HIPAA guides say PHI on Heroku needs Shield dynos in a Shield Private Space; confirm with your Salesforce account team.`,
    });
  }
  if (unknown.length > 0) {
    parts.push({
      status: 'attention',
      detail: `Not recognised as Heroku dyno sizes: ${listOf(unknown.map(describeProcess))}. Only shield-* dynos may hold PHI.`,
    });
  }
  if (parts.length === 0) {
    parts.push({
      status: 'met',
      detail: `Every process runs on Shield dynos: ${listOf(workload.processes.map(describeProcess))}.`,
    });
  }
  return combineResults(parts);
}

function shieldData(workload: Workload): CheckResult | null {
  const outside: string[] = [];
  const unknown: string[] = [];
  const shield: string[] = [];
  for (const { plan } of databasesOf(workload)) {
    const tier = postgresTier(plan);
    if (tier === undefined) unknown.push(`Postgres ${plan}`);
    else (tier === 'shield' ? shield : outside).push(`Postgres ${plan}`);
  }
  for (const { plan } of cachesOf(workload)) {
    const tier = keyValueTier(plan);
    if (tier === undefined) unknown.push(`Key-Value Store ${plan}`);
    else (tier === 'shield' ? shield : outside).push(`Key-Value Store ${plan}`);
  }
  const addOns = workload.addOns.filter((addOn) => !/^shield-/i.test(addOn.plan));
  shield.push(...workload.addOns.filter((addOn) => /^shield-/i.test(addOn.plan)).map((a) => `${a.service} ${a.plan}`));
  if (outside.length + unknown.length + addOns.length + shield.length === 0) {
    return { status: 'not-applicable', detail: 'No database, cache or add-ons in the workload.' };
  }

  const parts: CheckResult[] = [];
  if (outside.length > 0) {
    parts.push({
      status: 'gap',
      detail: `Not Shield plans, so they cannot hold PHI: ${listOf(outside)}. Shield Postgres plans may hold regulated data that private plans cannot (Heroku Dev Center, Shield Private Spaces); third-party HIPAA guides say PHI needs shield-* data services.`,
    });
  }
  if (unknown.length > 0) {
    parts.push({
      status: 'attention',
      detail: `Plans not recognised: ${listOf(unknown)}. Only shield-* plans may hold PHI.`,
    });
  }
  if (addOns.length > 0) {
    parts.push({
      status: 'attention',
      detail: `An estimate cannot show the HIPAA status of add-ons ${listOf(addOns.map((a) => `${a.service} (${a.plan})`))}: third-party HIPAA guides say non-Shield and community add-ons are outside the BAA. Check that plan.compliance includes HIPAA, or keep PHI out of them.`,
    });
  }
  if (parts.length === 0) parts.push({ status: 'met', detail: `Shield plans: ${listOf(shield)}.` });
  return combineResults(parts);
}

function privateSpace(workload: Workload): CheckResult | null {
  if (workload.processes.length === 0) return NO_PROCESSES;
  const common = workload.processes.filter((process) => dynoRuntime(process.size) === 'common');
  const unknown = workload.processes.filter((process) => dynoRuntime(process.size) === undefined);
  const parts: CheckResult[] = [];
  if (common.length > 0) {
    parts.push({
      status: 'gap',
      detail: `Common Runtime dynos, outside any Private Space's network isolation: ${listOf(common.map(describeProcess))}. Run them in a Private or Shield Space (private-* or shield-* dynos).`,
    });
  }
  if (unknown.length > 0) {
    parts.push({
      status: 'attention',
      detail: `Not recognised as Heroku dyno sizes: ${listOf(unknown.map(describeProcess))}.`,
    });
  }
  if (parts.length === 0) {
    parts.push({
      status: 'met',
      detail: `Every process runs in a Private or Shield Space: ${listOf(workload.processes.map(describeProcess))}.`,
    });
  }
  return combineResults(parts);
}

function dataAtRest(workload: Workload): CheckResult | null {
  const parts: CheckResult[] = [];
  for (const { plan } of databasesOf(workload)) {
    parts.push(
      postgresTier(plan) === undefined
        ? { status: 'attention', detail: `Postgres plan ${plan} is not recognised.` }
        : { status: 'met', detail: `Postgres ${plan}: disk encryption (every tier).` },
    );
  }
  for (const { plan } of cachesOf(workload)) {
    const tier = keyValueTier(plan);
    if (tier === 'mini') {
      parts.push({
        status: 'attention',
        detail: `Key-Value Store ${plan} is not listed as encrypted at rest: only premium, private and shield plans are (AES-256).`,
      });
    } else if (tier === undefined) {
      parts.push({ status: 'attention', detail: `Key-Value Store plan ${plan} is not recognised.` });
    } else {
      parts.push({ status: 'met', detail: `Key-Value Store ${plan}: encrypted at rest (AES-256).` });
    }
  }
  if (workload.processes.length > 0) {
    const unencrypted = workload.processes.filter((process) => dynoRuntime(process.size) !== 'shield');
    parts.push(
      unencrypted.length > 0
        ? {
            status: 'attention',
            detail: `An encrypted ephemeral file system is documented only for Shield dynos: keep sensitive data off the disks of ${listOf(unencrypted.map(describeProcess))}.`,
          }
        : { status: 'met', detail: 'Shield dynos: encrypted ephemeral file system.' },
    );
  }
  return parts.length === 0
    ? { status: 'not-applicable', detail: 'Nothing in the workload stores data.' }
    : combineResults(parts);
}

function tls(workload: Workload): CheckResult | null {
  const parts: CheckResult[] = [];
  if (workload.processes.length > 0) {
    const others = workload.processes.filter((process) => dynoRuntime(process.size) !== 'shield');
    parts.push(
      others.length > 0
        ? {
            status: 'attention',
            detail: `Refusing TLS 1.0 is documented only for Shield Private Spaces: check the TLS versions accepted by ${listOf(others.map(describeProcess))}.`,
          }
        : {
            // Refusing TLS 1.0 is a floor on the version, not "TLS only": plain HTTP and the app's own
            // connections are not covered by it (Dev Center, Shield Private Spaces).
            status: 'attention',
            detail:
              'Shield Private Spaces refuse TLS 1.0; that the apps serve only HTTPS and reach every service over TLS is not visible in a workload description: check it.',
          },
    );
  }
  if (workload.cache !== undefined) {
    parts.push({ status: 'met', detail: 'Every Key-Value Store plan requires TLS.' });
  }
  return combineResults(parts);
}

function spaceLogging(workload: Workload): CheckResult | null {
  if (workload.processes.length === 0) return null;
  const runtimes = workload.processes.map((process) => dynoRuntime(process.size));
  if (runtimes.every((runtime) => runtime === 'shield')) {
    return {
      status: 'attention',
      detail:
        'Shield logs every keystroke of heroku run sessions; add Private Space Logging (a space-level log drain) to a store you retain.',
    };
  }
  if (runtimes.every((runtime) => runtime === 'shield' || runtime === 'private')) {
    return {
      status: 'attention',
      detail: 'Add Private Space Logging (a space-level log drain) to a store you retain and review.',
    };
  }
  return {
    status: 'attention',
    detail:
      'Common Runtime apps have no space-level log drain: add a log drain to each app, to a store you retain and review.',
  };
}

function postgresHa(workload: Workload): CheckResult | null {
  const databases = databasesOf(workload);
  if (databases.length === 0) return { status: 'not-applicable', detail: 'No database in the workload.' };
  return combineResults(databases.map(({ plan }) => postgresPlanHa(plan)));
}

function postgresPlanHa(plan: string): CheckResult {
  const tier = postgresTier(plan);
  if (tier === undefined) {
    return { status: 'attention', detail: `Postgres plan ${plan} is not recognised, so its availability is unknown.` };
  }
  if (postgresIsHighlyAvailable(tier)) {
    return { status: 'met', detail: `Postgres ${plan}: ${POSTGRES_TIERS[tier].note}.` };
  }
  return {
    status: 'attention',
    detail: `Postgres ${plan} has no high availability (${POSTGRES_TIERS[tier].note}). Premium, Private and Shield plans are HA with < 15 min/month downtime tolerance and 1-week rollback.`,
  };
}

function addOnPci(workload: Workload): CheckResult | null {
  if (workload.addOns.length === 0) return null;
  return {
    status: 'attention',
    detail: `An estimate cannot show the PCI status of add-ons ${listOf(workload.addOns.map((a) => `${a.service} (${a.plan})`))}: check plan.compliance includes PCI before card data reaches them.`,
  };
}

const nothingToSay: WorkloadCheck = () => null;

export const HEROKU_WORKLOAD_CHECKS: Record<HerokuCheckId, WorkloadCheck> = {
  'heroku-shield-compute': shieldCompute,
  'heroku-shield-data': shieldData,
  'heroku-private-space': privateSpace,
  'heroku-data-at-rest': dataAtRest,
  'heroku-tls': tls,
  'heroku-space-logging': spaceLogging,
  'heroku-postgres-ha': postgresHa,
  // Team members and roles are only visible live.
  'heroku-mfa': nothingToSay,
  'heroku-roles': nothingToSay,
  'heroku-addon-pci': addOnPci,
  'heroku-pci-status': () => HEROKU_PCI_STATUS,
};
