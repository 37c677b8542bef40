import { DEFAULT_ASSUMPTION_SOURCE } from '../pricing/assumptions';
import type { Catalog } from '../pricing/catalog';
import type { ProcessType } from '../workload';
import { formatCount, plural } from './describe';

/** Eco and Basic dynos: a hobby app's, one to a process type (Heroku Dev Center, Dyno Types). */
const isHobbyDyno = (size: string): boolean => /^(eco|basic)$/i.test(size);

/** A flat volume a lead set in PRICING_FILE (`logGbPerMonth`) replaces the rule by what runs. */
const flatLogVolume = (catalog: Catalog): boolean =>
  catalog.assumptionSources.logGbPerMonth !== DEFAULT_ASSUMPTION_SOURCE;

/**
 * The log volume a month of a workload nobody gave `logs=` for, by what runs (docs/decisions.md, "Log
 * volume follows what runs"): each running Eco or Basic dyno `logGbPerHobbyDyno`, every other dyno, EC2
 * instance or Fargate task `logGbPerDyno`; nothing where nothing runs. A lead's `logGbPerMonth` in
 * PRICING_FILE is a flat figure per app that runs a process instead, as it was before the rule.
 */
export function logGbFor(processes: readonly ProcessType[], catalog: Catalog): number {
  const a = catalog.assumptions;
  const running = processes.filter((p) => p.count > 0);
  if (running.length === 0) return 0;
  if (flatLogVolume(catalog)) return a.logGbPerMonth;
  let gb = 0;
  for (const p of running) gb += p.count * (isHobbyDyno(p.size) ? a.logGbPerHobbyDyno : a.logGbPerDyno);
  return Math.round(gb * 1000) / 1000;
}

/** How `logGbFor` came to the figure, in the answer's words: `2 × 5 GB (Standard-or-larger dynos)`. */
function logVolumeWords(processes: readonly ProcessType[], catalog: Catalog): string {
  const a = catalog.assumptions;
  if (flatLogVolume(catalog)) return `${formatCount(a.logGbPerMonth)} GB per app that runs a process (PRICING_FILE)`;
  let hobby = 0;
  let other = 0;
  for (const p of processes) {
    if (p.count <= 0) continue;
    if (isHobbyDyno(p.size)) hobby += p.count;
    else other += p.count;
  }
  const parts = [
    ...(other > 0
      ? [`${plural(other, 'dyno or instance', 'dynos or instances')} × ${formatCount(a.logGbPerDyno)} GB`]
      : []),
    ...(hobby > 0
      ? [`${plural(hobby, 'Eco or Basic dyno', 'Eco or Basic dynos')} × ${formatCount(a.logGbPerHobbyDyno)} GB`]
      : []),
  ];
  return parts.length > 0 ? parts.join(' + ') : 'nothing runs';
}

/** The rule in the answer's words, with what it rests on. */
export function logVolumeRule(catalog: Catalog): string {
  const a = catalog.assumptions;
  if (flatLogVolume(catalog))
    return `Log volume: ${formatCount(a.logGbPerMonth)} GB a month for each app that runs a process, as PRICING_FILE sets it (logGbPerMonth).`;
  return `Log volume, where no logs= is given: ${formatCount(a.logGbPerDyno)} GB a month per running Standard-or-larger dyno (or EC2 instance, Fargate task) and ${formatCount(a.logGbPerHobbyDyno)} GB per Eco or Basic dyno, staging and review at their traffic share. Heroku reports no log volume; the router writes one line of about 250 bytes per request (Heroku Dev Center, HTTP Routing, router log format) and an app about as many, so the default 5 GB is a dyno serving about 4 requests a second around the clock (4 × 500 bytes × 2.63 million seconds) and the default 0.5 GB one serving a request every 2.6 seconds (Hosting Advisor defaults, unconfirmed; set logGbPerDyno, logGbPerHobbyDyno, or a flat logGbPerMonth in PRICING_FILE, or logs= in an estimate).`;
}

/** The estimate's sentence for a log volume the rule sized (not one given with `logs=`). */
export function logVolumeNote(processes: readonly ProcessType[], catalog: Catalog): string[] {
  const gb = logGbFor(processes, catalog);
  if (gb === 0) return [];
  return [
    `Logs: ${formatCount(gb)} GB a month in production (${logVolumeWords(processes, catalog)}). ${logVolumeRule(catalog)}`,
  ];
}
