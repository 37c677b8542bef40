import { GDPR } from './frameworks/gdpr';
import { HIPAA } from './frameworks/hipaa';
import { PCI_DSS } from './frameworks/pci-dss';
import { SOC2 } from './frameworks/soc2';
import type { Framework } from './types';

const FRAMEWORKS: readonly Framework[] = [HIPAA, PCI_DSS, SOC2, GDPR];

/** `PCI-DSS`, `pci_dss`, `pci dss` and `pcidss` are the same name. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function listFrameworks(): readonly Framework[] {
  return FRAMEWORKS;
}

/** By id or alias, case- and punctuation-insensitive; undefined when unknown. */
export function getFramework(idOrAlias: string): Framework | undefined {
  const wanted = normalise(idOrAlias);
  if (wanted === '') return undefined;
  return FRAMEWORKS.find(
    (framework) => normalise(framework.id) === wanted || framework.aliases.some((alias) => normalise(alias) === wanted),
  );
}
