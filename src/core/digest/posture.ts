/** One line per framework: how the live inventory fares, per platform. Pure. */
import { evaluateInventory } from '../compliance/evaluate-inventory';
import type { LiveInventory } from '../compliance/inventory';
import { getFramework } from '../compliance/registry';
import type { FindingStatus } from '../compliance/types';
import { PLATFORMS } from '../workload';
import type { PostureLine } from './types';

/** HIPAA and PCI: the regimes the product is built around. */
const DIGEST_FRAMEWORKS = ['hipaa', 'pci'] as const;

const LABEL = { heroku: 'Heroku', aws: 'AWS' } as const;

export function postureLines(
  inventory: LiveInventory,
  frameworks: readonly string[] = DIGEST_FRAMEWORKS,
): PostureLine[] {
  return frameworks.flatMap((id) => {
    const framework = getFramework(id);
    if (!framework) return [];
    const findings = evaluateInventory(framework, inventory);
    let gaps = 0;
    const parts = PLATFORMS.map((platform) => {
      const data = inventory[platform];
      if (!data) return `${LABEL[platform]}: not connected`;
      const count = (status: FindingStatus) =>
        findings.filter((f) => f.platform === platform && f.status === status).length;
      gaps += count('gap');
      // A failed read, or apps or team members that could not be read: the counts are of what was.
      const heroku = platform === 'heroku' ? inventory.heroku : undefined;
      const unread = (heroku?.appsNotRead?.length ?? 0) + (heroku?.membersNotRead?.length ?? 0) > 0;
      const incomplete = data.error !== undefined || unread ? ' (incomplete read)' : '';
      return `${LABEL[platform]}: ${count('met')} met, ${count('gap')} gap${count('gap') === 1 ? '' : 's'}, ${count('attention')} to verify${incomplete}`;
    });
    return [{ framework: framework.name, summary: parts.join(' · '), gaps }];
  });
}
