/** The digest's one-line verdict: which way the money points, per workload. Pure. */
import { formatUsd } from '../money';
import type { PlatformSection } from './types';

const NAME = { aws: 'AWS', heroku: 'Heroku' } as const;

export function verdict(...sections: PlatformSection[]): string {
  const parts = sections.flatMap((section) => {
    if (section.status !== 'ok' || !section.translation) return [];
    const { differenceWeekly, differenceYearly, to } = section.translation;
    const from = NAME[section.platform];
    const what = section.platform === 'heroku' ? 'the Heroku apps' : 'the AWS workload';
    // Items left out of the actual figures (contract prices) make it a lower bound: a saving is at
    // least the one shown, and "cheaper where it is" cannot be said, as `/hosting migrate` says.
    const leftOut = section.notCounted
      ? `${from}’s figures leave out ${section.notCounted} contract-priced or unpriced item${section.notCounted === 1 ? '' : 's'}`
      : undefined;
    if (differenceWeekly.isNegative()) {
      const saving = `${formatUsd(differenceWeekly.abs())}/week (${formatUsd(differenceYearly.abs())}/year)`;
      return [
        leftOut
          ? `moving ${what} to ${NAME[to]} would save at least ${saving}, as ${leftOut}`
          : `moving ${what} to ${NAME[to]} would save about ${saving}`,
      ];
    }
    if (leftOut) {
      return [
        `no verdict on ${what}: ${leftOut}, which may cost more than the ${formatUsd(differenceWeekly)}/week ${NAME[to]} would add`,
      ];
    }
    const stays = section.platform === 'heroku' ? 'cost least where they are' : 'costs least where it is';
    return [`${what} ${stays}, on ${from} (${NAME[to]} would add ${formatUsd(differenceWeekly)}/week)`];
  });
  if (parts.length === 0)
    return 'Verdict: no comparison this week — neither platform’s workload could be modelled (each platform’s section says why).';
  const sentence = parts.join('; ');
  return `Verdict: ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
