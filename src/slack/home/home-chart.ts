/**
 * The daily-cost chart on the Home tab. A Home view can show an image only from a public URL or a
 * file in Slack (an image block's `slack_file`,
 * https://docs.slack.dev/reference/block-kit/composition-objects/slack-file-object). A file uploaded
 * without a channel is private to the uploader ("If not specified the file will be private",
 * https://docs.slack.dev/reference/methods/files.completeUploadExternal/), so a chart the bot kept to
 * itself would show on nobody's Home but the bot's. Each lead gets the chart shared in their own
 * direct message with the app (the only place cost data may go besides the leads' channels), once a
 * day: the share is claimed in the store per lead and chart, as a digest post is, so publishes that
 * want it at once (Home opened while Refresh is pressed, two replicas answering two devices) share
 * it once and the others wait for its file; the picture itself is drawn once a day (at 2×) and kept
 * in the store too, so a replica that did not draw it can still share it.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { chartSummary, type Digest, hasDailyCost } from '../../core/digest';
import { renderDigestChart } from '../../jobs/digest-chart';
import type { Store } from '../../store/store';
import { slackErrorCode } from '../slack-errors';

/** Today's chart: what it shows and where its picture is kept. */
export interface HomeChart {
  /** Store key of the PNG (base64), drawn once a day for the digest week. */
  image: string;
  /** What the chart shows, in words: for screen readers and when the image cannot be shown. */
  alt: string;
  title: string;
  /** `2026-11-23`: the day it was drawn, in its file name. */
  day: string;
}

/** The chart as one lead's Home shows it: a file shared with that lead. */
export interface SharedChart {
  fileId: string;
  alt: string;
  title: string;
}

type ChartStore = Pick<Store, 'cacheGet' | 'cachePut'>;
type ShareStore = Pick<Store, 'cacheGet' | 'claimDigestRun' | 'markDigestPosted' | 'markDigestFailed' | 'digestRun'>;
type Logger = { warn(...messages: unknown[]): void };

/** Where shares are claimed (the digest runs table): one run per lead and chart, its file ID the result. */
const SHARES = 'home-chart-share';
/** A share whose replica died before recording it is taken over after this. */
const SHARE_LEASE_MS = 2 * 60_000;
/** How long a publish waits for a share under way elsewhere before it goes out without the chart. */
const SHARE_WAIT_MS = 20_000;
const SHARE_POLL_MS = 200;

const isHomeChart = (value: unknown): value is HomeChart =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as HomeChart).image === 'string' &&
  typeof (value as HomeChart).alt === 'string' &&
  typeof (value as HomeChart).title === 'string' &&
  typeof (value as HomeChart).day === 'string';

/**
 * Today's chart for the digest week: the stored one, or drawn now. Undefined when it cannot be drawn,
 * or when neither platform has a figure (a chart of nothing, shared with every lead, says nothing).
 * A chart is kept for what it was drawn from: a platform that could not be read at the day's first
 * gather is drawn in once it can, not left out until tomorrow.
 */
export async function homeChart(
  store: ChartStore,
  digest: Digest,
  now: Date,
  logger: Logger,
): Promise<HomeChart | undefined> {
  // No chart of nothing; a chart is kept for the platforms it was drawn from.
  if (!hasDailyCost(digest)) return undefined;
  const read = [digest.aws, digest.heroku].filter((section) => section.status === 'ok').map((s) => s.platform);
  const day = now.toISOString().slice(0, 10);
  const key = `dashboard:chart:${day}:${digest.week.id}:${read.join('+')}`;
  const known = await store.cacheGet<unknown>(key);
  if (known && isHomeChart(known.value)) return known.value;
  try {
    const png = await renderDigestChart(digest);
    const image = `${key}:png`;
    await store.cachePut(image, png.toString('base64'), now);
    const chart: HomeChart = {
      image,
      alt: chartSummary(digest).slice(0, 1000),
      title: `Daily cost, AWS and Heroku, 4 weeks to ${digest.week.label}`,
      day,
    };
    await store.cachePut(key, chart, now);
    return chart;
  } catch (error) {
    logger.warn('dashboard: the daily cost chart was not drawn:', error);
    return undefined;
  }
}

/**
 * The chart shared with `user`: the file already shared with them today, one being shared by another
 * publish (waited for), or uploaded now into their direct message with the app. Undefined when Slack
 * refuses, or the other share does not finish in time (the Home is then shown without it).
 */
export async function chartFor(
  { store, owner }: { store: ShareStore; owner: string },
  client: WebClient,
  user: string,
  chart: HomeChart,
  now: Date,
  logger: Logger,
): Promise<SharedChart | undefined> {
  const share = `${chart.image}:shared:${user}`;
  const shown = (fileId: string | undefined) => (fileId ? { fileId, alt: chart.alt, title: chart.title } : undefined);
  const claim = await store.claimDigestRun(SHARES, share, owner, now, SHARE_LEASE_MS);
  if (!claim.claimed) return shown(await sharedElsewhere(store, share));
  try {
    const png = await store.cacheGet<unknown>(chart.image);
    if (typeof png?.value !== 'string') throw new Error("the chart's picture is no longer stored");
    const dm = await client.conversations.open({ users: user });
    const channel = dm.channel?.id;
    if (!channel) throw new Error('conversations.open gave no channel');
    const uploaded = await client.filesUploadV2({
      channel_id: channel,
      file: Buffer.from(png.value, 'base64'),
      filename: `hosting-dashboard-${chart.day}.png`,
      title: chart.title,
      alt_text: chart.alt,
      initial_comment:
        'Today’s daily-cost chart for your Hosting Advisor Home tab, shared only with you so Slack can show it there.',
    });
    const fileId = uploaded.files?.[0]?.files?.[0]?.id;
    if (!fileId) throw new Error('Slack returned no file ID');
    await store.markDigestPosted(SHARES, share, owner, fileId);
    return shown(fileId);
  } catch (error) {
    const why = slackErrorCode(error) ?? error;
    logger.warn('dashboard: the daily cost chart was not shared:', why);
    // The next publish tries again.
    await store.markDigestFailed(SHARES, share, owner, String(why)).catch(() => {});
    return undefined;
  }
}

/** The file of a share claimed by another publish once it is done; undefined when it failed or took too long. */
async function sharedElsewhere(store: ShareStore, share: string): Promise<string | undefined> {
  for (let waited = 0; ; waited += SHARE_POLL_MS) {
    const run = await store.digestRun(SHARES, share);
    if (run?.status === 'posted') return run.messageTs;
    if (!run || run.status === 'failed' || waited >= SHARE_WAIT_MS) return undefined;
    await new Promise((resolve) => setTimeout(resolve, SHARE_POLL_MS).unref());
  }
}

export function chartBlock(chart: SharedChart): KnownBlock {
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
