import { finish, type Steps } from '../steps';
import { PLATFORMS, type Platform } from '../workload';
import { AWS_INVENTORY_CHECKS } from './checks/aws-inventory-checks';
import { HEROKU_INVENTORY_CHECKS } from './checks/heroku-inventory-checks';
import { findingFor } from './evaluate-control';
import type { LiveInventory } from './inventory';
import { PLATFORM_LABEL } from './phrases';
import type { CheckResult, Control, Finding, Framework } from './types';

export interface EvaluateInventoryOptions {
  /** Which platforms to report on; both by default, so a missing one is said out loud. */
  platforms?: readonly Platform[];
}

const SOURCE: Record<Platform, string> = {
  heroku: 'the Heroku data read (apps, spaces, add-on plans, team members)',
  aws: 'Cost Explorer spend',
};

/**
 * Evaluates what the live sources saw. One finding per control and platform, controls in the
 * framework's order. A platform that is not connected, or whose read failed, still gets a finding
 * per control saying so; with a partial read, gaps stand but nothing is reported as met.
 */
export function evaluateInventory(
  framework: Framework,
  inventory: LiveInventory,
  options: EvaluateInventoryOptions = {},
): Finding[] {
  return finish(evaluateInventorySteps(framework, inventory, options));
}

/** `evaluateInventory` in steps (src/core/steps.ts), a control a step: each control's checks read every app. */
export function* evaluateInventorySteps(
  framework: Framework,
  inventory: LiveInventory,
  options: EvaluateInventoryOptions = {},
): Steps<Finding[]> {
  const platforms = PLATFORMS.filter((platform) => (options.platforms ?? PLATFORMS).includes(platform));
  const findings: Finding[] = [];
  for (const control of framework.controls) {
    for (const platform of platforms) findings.push(evaluateOne(control, platform, inventory));
    yield;
  }
  return findings;
}

function evaluateOne(control: Control, platform: Platform, inventory: LiveInventory): Finding {
  const label = PLATFORM_LABEL[platform];
  const data = inventory[platform];
  if (data === undefined) {
    return {
      controlId: control.id,
      status: 'attention',
      platform,
      detail: `${label} is not connected, so nothing on ${label} was checked live.`,
    };
  }

  if (data.error !== undefined && nothingRead(inventory, platform)) {
    // No apps or services at all: the checks would read the failure as an empty account.
    return {
      controlId: control.id,
      status: 'attention',
      platform,
      detail: `${label} could not be read (${data.error}), so nothing on ${label} was checked live.`,
    };
  }

  const finding = findingFor(control, platform, runChecks(control, platform, inventory), {
    status: 'attention',
    detail: `Not visible in ${SOURCE[platform]}: yours to do and verify (see your share).`,
  });
  if (data.error === undefined) return finding;
  return {
    ...finding,
    status: finding.status === 'gap' ? 'gap' : 'attention',
    detail: `${label} data is incomplete (${data.error}): ${finding.detail}`,
  };
}

function nothingRead({ heroku, aws }: LiveInventory, platform: Platform): boolean {
  if (platform === 'heroku') return heroku !== undefined && heroku.apps.length === 0 && heroku.members.length === 0;
  return aws !== undefined && aws.servicesWithSpend.length === 0;
}

function runChecks(control: Control, platform: Platform, inventory: LiveInventory): (CheckResult | null)[] {
  const { heroku, aws } = inventory;
  if (platform === 'heroku' && heroku !== undefined) {
    return control.checks.heroku.map((id) => HEROKU_INVENTORY_CHECKS[id](heroku));
  }
  if (platform === 'aws' && aws !== undefined) {
    return control.checks.aws.map((id) => AWS_INVENTORY_CHECKS[id](aws));
  }
  return [];
}
