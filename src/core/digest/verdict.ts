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
    if (differenceWeekly.isNegative()) {
      return [
        `moving ${what} to ${NAME[to]} would save about ${formatUsd(differenceWeekly.abs())}/week (${formatUsd(differenceYearly.abs())}/year)`,
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
