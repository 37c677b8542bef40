import type { Workload } from '../workload';
import { AWS_WORKLOAD_CHECKS } from './checks/aws-workload-checks';
import { HEROKU_WORKLOAD_CHECKS } from './checks/heroku-workload-checks';
import { findingFor } from './evaluate-control';
import type { Control, Finding, Framework } from './types';

/**
 * Evaluates a workload on its origin platform: a Heroku workload names dynos and plans, an AWS one
 * instance types and classes. To see the other platform, translate the workload first (src/core/model)
 * and evaluate the translation. One finding per control, in the framework's order.
 */
export function evaluateWorkload(framework: Framework, workload: Workload): Finding[] {
  return framework.controls.map((control) => {
    const results = runChecks(control, workload);
    return findingFor(control, workload.origin, results, {
      status: 'attention',
      detail: 'Not visible in a workload description: yours to do and verify (see your share).',
    });
  });
}

function runChecks(control: Control, workload: Workload) {
  return workload.origin === 'heroku'
    ? control.checks.heroku.map((id) => HEROKU_WORKLOAD_CHECKS[id](workload))
    : control.checks.aws.map((id) => AWS_WORKLOAD_CHECKS[id](workload));
}
