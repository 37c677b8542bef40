/**
 * The daily-cost chart on the Home tab. A Home view can show an image only from a public URL or a
 * file in Slack (an image block's `slack_file`, https://docs.slack.dev/reference/block-kit/composition-objects/slack-file-object),
 * so the digest's chart (2× resolution) is uploaded once a day with files.uploadV2, not shared in any
 * channel, and the file's ID is kept in the store for every lead's Home that day, on every replica.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { chartSummary, type Digest } from '../../core/digest';
import { renderDigestChart } from '../../jobs/digest-chart';
import type { Store } from '../../store/store';
import { slackErrorCode } from '../slack-errors';

export interface HomeChart {
  fileId: string;
  /** What the chart shows, in words: for screen readers and when the image cannot be shown. */
  alt: string;
  title: string;
}

const chartKey = (day: string, week: string) => `dashboard:chart:${day}:${week}`;

const isHomeChart = (value: unknown): value is HomeChart =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as HomeChart).fileId === 'string' &&
  typeof (value as HomeChart).alt === 'string' &&
  typeof (value as HomeChart).title === 'string';

/** Today's chart for the digest week: the stored one, or drawn and uploaded now. Undefined when Slack refuses. */
export async function homeChart(
  store: Pick<Store, 'cacheGet' | 'cachePut'>,
  client: WebClient,
  digest: Digest,
  now: Date,
  logger: { warn(...messages: unknown[]): void },
): Promise<HomeChart | undefined> {
  const day = now.toISOString().slice(0, 10);
  const key = chartKey(day, digest.week.id);
  const known = await store.cacheGet<unknown>(key);
  if (known && isHomeChart(known.value)) return known.value;
  const alt = chartSummary(digest).slice(0, 1000);
  const title = `Daily cost, AWS and Heroku, 4 weeks to ${digest.week.label}`;
  try {
    const png = await renderDigestChart(digest);
    const uploaded = await client.filesUploadV2({
      file: png,
      filename: `hosting-dashboard-${day}.png`,
      title,
      alt_text: alt,
    });
    const fileId = uploaded.files?.[0]?.files?.[0]?.id;
    if (!fileId) throw new Error('Slack returned no file ID');
    const chart = { fileId, alt, title };
    await store.cachePut(key, chart, now);
    return chart;
  } catch (error) {
    logger.warn('dashboard: the daily cost chart was not uploaded:', slackErrorCode(error) ?? error);
    return undefined;
  }
}

export function chartBlock(chart: HomeChart): KnownBlock {
  return {
    type: 'image',
    block_id: 'home_chart',
    slack_file: { id: chart.fileId },
    alt_text: chart.alt,
    title: { type: 'plain_text', text: chart.title.slice(0, 2000) },
  };
}

/** The view without its chart: what is published again when Slack refuses the image. */
export function withoutChart(view: HomeView): HomeView {
  return { ...view, blocks: view.blocks.filter((block) => block.block_id !== 'home_chart') };
}
