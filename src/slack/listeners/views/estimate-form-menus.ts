/**
 * The estimate form's menus, built from the price catalog so they offer exactly what the estimate
 * can price: dyno sizes or EC2 instance types for a process, Postgres plans or RDS classes for the
 * database, Key-Value Store plans or ElastiCache nodes for the cache. Slack allows 100 options a
 * menu, in groups of at most 100; each option's value is the size as the command's words spell it.
 */
import type { PlainTextOption } from '@slack/types';
import type { Catalog } from '../../../core/pricing';
import type { Platform } from '../../../core/workload';

const MAX_OPTIONS = 100;
const OPTION_TEXT_LIMIT = 75;

export interface OptionGroup {
  label: { type: 'plain_text'; text: string };
  options: PlainTextOption[];
}

export const option = (value: string, text: string): PlainTextOption => ({
  value,
  text: { type: 'plain_text', text: text.slice(0, OPTION_TEXT_LIMIT) },
});

const gb = (value: number) => `${Number(value.toFixed(2))} GB`;

/** Groups in first-seen order, cut so the menu holds at most 100 options. */
function grouped<T>(items: readonly T[], group: (item: T) => string, toOption: (item: T) => PlainTextOption) {
  const groups = new Map<string, PlainTextOption[]>();
  let count = 0;
  for (const item of items) {
    if (count === MAX_OPTIONS) break;
    const label = group(item);
    groups.set(label, [...(groups.get(label) ?? []), toOption(item)]);
    count += 1;
  }
  return [...groups].map(
    ([label, options]): OptionGroup => ({
      label: { type: 'plain_text', text: label.slice(0, OPTION_TEXT_LIMIT) },
      options,
    }),
  );
}

const DYNO_TIERS: Record<string, string> = {
  eco: 'Eco and Basic',
  basic: 'Eco and Basic',
  standard: 'Standard',
  performance: 'Performance',
  private: 'Private Spaces',
  shield: 'Shield Spaces',
  fir: 'Fir generation',
};

/** What one process runs on: a dyno size on Heroku, an EC2 instance type on AWS. */
export function sizeGroups(catalog: Catalog, platform: Platform): OptionGroup[] {
  if (platform === 'heroku')
    return grouped(
      catalog.dynos,
      (dyno) => DYNO_TIERS[dyno.tier] ?? dyno.tier,
      (dyno) => option(dyno.size, `${dyno.label} · ${gb(dyno.memoryGb)}`),
    );
  return grouped(
    catalog.ec2Instances,
    (instance) => instance.family,
    (instance) => option(instance.type, `${instance.type} · ${instance.vcpu} vCPU · ${gb(instance.memoryGb)}`),
  );
}

export function databaseGroups(catalog: Catalog, platform: Platform): OptionGroup[] {
  if (platform === 'heroku')
    return grouped(
      catalog.postgresPlans,
      (plan) => `Heroku Postgres ${plan.tier}`,
      (plan) =>
        option(
          plan.plan,
          `${plan.plan}${plan.memoryGb ? ` · ${gb(plan.memoryGb)} RAM` : ''} · ${gb(plan.storageGb)} storage`,
        ),
    );
  return grouped(
    catalog.rdsClasses,
    (rds) => rds.dbClass.split('.').slice(0, 2).join('.'),
    (rds) => option(rds.dbClass, `${rds.dbClass} · ${rds.vcpu} vCPU · ${gb(rds.memoryGb)}`),
  );
}

export function cacheGroups(catalog: Catalog, platform: Platform): OptionGroup[] {
  if (platform === 'heroku')
    return grouped(
      catalog.keyValuePlans,
      (plan) => `Key-Value Store ${plan.tier}`,
      (plan) => option(plan.plan, `${plan.plan} · ${gb(plan.memoryGb)}`),
    );
  return grouped(
    catalog.cacheNodes,
    (node) => node.node.split('.').slice(0, 2).join('.'),
    (node) => option(node.node, `${node.node} · ${gb(node.memoryGb)}`),
  );
}
