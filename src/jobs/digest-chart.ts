/** The digest's chart: daily cost of both platforms over its four weeks, as a PNG drawn off the event loop. */
import { renderDailyCostChartInWorker } from '../charts/render-in-worker';
import type { Digest } from '../core/digest';

export function renderDigestChart(digest: Digest): Promise<Buffer> {
  const series = (section: Digest['aws']) => (section.status === 'ok' ? section.daily : digest.days.map(() => null));
  return renderDailyCostChartInWorker(
    {
      title: `Daily cost, 4 weeks to ${digest.week.label}`,
      days: digest.days,
      series: [
        { name: 'AWS', cents: series(digest.aws) },
        { name: 'Heroku', cents: series(digest.heroku) },
      ],
    },
    { scale: 2 },
  );
}
