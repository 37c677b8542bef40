import type { Catalog } from '../pricing';
import { processLine } from './cost';
import { DYNO_CLASS_NAMES, dynoClass, dynoClassWhy, dynoLabel } from './dyno-class';
import type { Difference, ParityCostLine, ParityProcess } from './types';

/**
 * Process types running in one stage only (a risk), dyno size class per process (a risk when the
 * class differs), and size or count within a class (a cost choice). Scaled to 0 counts as not running.
 */

const running = (processes: readonly ParityProcess[]) =>
  new Map(processes.filter((process) => process.quantity > 0).map((process) => [process.type, process]));

const describe = (process: ParityProcess) => `${process.quantity} × ${dynoLabel(process.size)}`;

/** The extra monthly cents of `quantity` dynos of `to` over `from`; null when either has no list price. */
function upgradeLine(
  type: string,
  quantity: number,
  from: ParityProcess,
  to: ParityProcess,
  catalog: Catalog,
): ParityCostLine | undefined {
  const before = processLine({ ...from, quantity }, quantity, catalog);
  const after = processLine({ ...to, quantity }, quantity, catalog);
  const item = `${type}: ${quantity} × ${dynoLabel(from.size)} → ${dynoLabel(to.size)}`;
  if (before.monthlyCents === null || after.monthlyCents === null) {
    return { item, monthlyCents: null, source: after.source, note: after.note ?? before.note };
  }
  const extra = after.monthlyCents - before.monthlyCents;
  return extra > 0 ? { item, monthlyCents: extra, source: after.source } : undefined;
}

export function compareProcesses(
  staging: readonly ParityProcess[],
  production: readonly ParityProcess[],
  catalog: Catalog,
  toMatch: ParityCostLine[],
): Difference[] {
  const inStaging = running(staging);
  const inProduction = running(production);
  const found: Difference[] = [];
  for (const [type, prod] of inProduction) {
    const stage = inStaging.get(type);
    if (!stage) {
      found.push({
        class: 'risk',
        topic: 'process',
        what: `process ${type}: not running in staging; ${describe(prod)} in production`,
        why: `What the ${type} process does (jobs, queues, schedules) is never exercised in staging.`,
      });
      const line = processLine(prod, 1, catalog);
      toMatch.push({ ...line, item: `add ${type}: 1 × ${dynoLabel(prod.size)}` });
      continue;
    }
    const from = dynoClass(stage.size);
    const to = dynoClass(prod.size);
    const ecoAgainstBasic = from === 'eco-basic' && to === 'eco-basic' && stage.size !== prod.size;
    if (from !== to || ecoAgainstBasic) {
      found.push({
        class: 'risk',
        topic: 'dyno-class',
        what: `process ${type}: ${DYNO_CLASS_NAMES[from]} (${dynoLabel(stage.size)}) in staging, ${DYNO_CLASS_NAMES[to]} (${dynoLabel(prod.size)}) in production`,
        why: dynoClassWhy(from, to),
      });
      const line = upgradeLine(type, stage.quantity, stage, prod, catalog);
      if (line) toMatch.push(line);
    } else if (stage.size !== prod.size || stage.quantity !== prod.quantity) {
      found.push({
        class: 'cost-choice',
        topic: 'dyno-size',
        what: `process ${type}: ${describe(stage)} in staging, ${describe(prod)} in production`,
        why: `Same ${DYNO_CLASS_NAMES[to]} class: the same code runs; only capacity differs.`,
      });
    }
  }
  for (const [type, stage] of inStaging) {
    if (inProduction.has(type)) continue;
    found.push({
      class: 'risk',
      topic: 'process',
      what: `process ${type}: ${describe(stage)} in staging; not running in production`,
      why: `Staging runs a ${type} process production does not: what it does there hides what production lacks.`,
    });
  }
  return found;
}
