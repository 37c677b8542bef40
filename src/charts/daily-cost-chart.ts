import type * as ResvgJs from '@resvg/resvg-js';
import { DateTime, Duration } from 'luxon';
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { formatUsd, fromCents } from '../core/money';
import { CHART_FONT_FAMILY, chartFontFiles } from './chart-fonts';

/**
 * The weekly digest's chart: daily cost per platform over the last weeks, as a PNG.
 *
 * Vega-Lite describes the chart, Vega lays it out headlessly to SVG (renderer 'none': no DOM, no
 * canvas, no network: the data is inline), and resvg rasterises the SVG with a bundled font, so
 * text renders the same on a machine without any system font. Same input → same PNG bytes.
 */

interface ChartSeries {
  name: string;
  /** cents per day, null = no data that day */
  cents: (number | null)[];
}

export interface DailyCostChartInput {
  title: string;
  /** UTC days YYYY-MM-DD, oldest first */
  days: string[];
  series: ChartSeries[];
}

export const CHART_WIDTH = 800;
export const CHART_HEIGHT = 400;

const DAY_MS = Duration.fromObject({ days: 1 }).toMillis();
/** Orange and purple first (AWS, Heroku), distinct for the common colour-vision deficiencies; shapes differ too. */
const PALETTE = ['#d9730d', '#6f42c1', '#1f77b4', '#2ca02c', '#d62728', '#8c564b', '#e377c2', '#7f7f7f'];
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'circle', 'square'];

/**
 * Vega, Vega-Lite and resvg are loaded on the first render, not at start: together they cost about
 * 300 ms and 27 MB of resident memory, for a chart drawn once a week. (`require`, not `import()`:
 * these are CommonJS builds, and a native dynamic import would not run under ts-jest.)
 */
function engines(): { vega: typeof Vega; vegaLite: typeof VegaLite; resvg: typeof ResvgJs } {
  return { vega: require('vega'), vegaLite: require('vega-lite'), resvg: require('@resvg/resvg-js') };
}

interface ParsedDay {
  iso: string;
  ms: number;
}

/** Throws a plain Error that says what is wrong with the input. */
function validate(input: DailyCostChartInput): ParsedDay[] {
  if (!Array.isArray(input.days) || input.days.length === 0) {
    throw new Error('daily cost chart: `days` must list at least one UTC day (YYYY-MM-DD)');
  }
  if (!Array.isArray(input.series) || input.series.length === 0) {
    throw new Error('daily cost chart: `series` must hold at least one series');
  }
  if (input.series.length > PALETTE.length) {
    throw new Error(`daily cost chart: at most ${PALETTE.length} series, got ${input.series.length}`);
  }
  const days = input.days.map((iso, index) => {
    const date = typeof iso === 'string' ? DateTime.fromFormat(iso, 'yyyy-MM-dd', { zone: 'utc' }) : undefined;
    if (!date?.isValid) {
      throw new Error(`daily cost chart: days[${index}] is ${JSON.stringify(iso)}, not a UTC day YYYY-MM-DD`);
    }
    return { iso, ms: date.toMillis() };
  });
  for (let i = 1; i < days.length; i++) {
    if (days[i].ms <= days[i - 1].ms) {
      throw new Error(
        `daily cost chart: days must be oldest first without repeats (${days[i - 1].iso}, ${days[i].iso})`,
      );
    }
  }
  const names = new Set<string>();
  for (const series of input.series) {
    if (typeof series.name !== 'string' || series.name.trim() === '') {
      throw new Error('daily cost chart: every series needs a name');
    }
    if (names.has(series.name)) {
      throw new Error(`daily cost chart: two series are named ${JSON.stringify(series.name)}`);
    }
    names.add(series.name);
    if (!Array.isArray(series.cents) || series.cents.length !== days.length) {
      const got = Array.isArray(series.cents) ? series.cents.length : 'no';
      throw new Error(
        `daily cost chart: series ${JSON.stringify(series.name)} has ${got} values but there are ${days.length} days`,
      );
    }
    series.cents.forEach((cents, index) => {
      if (cents !== null && !Number.isSafeInteger(cents)) {
        throw new Error(
          `daily cost chart: series ${JSON.stringify(series.name)} on ${days[index].iso} is ${String(cents)}; expected whole cents or null`,
        );
      }
    });
  }
  return days;
}

const utcDate = (ms: number) => DateTime.fromMillis(ms, { zone: 'utc', locale: 'en-US' });

/** "16 Nov", from a UTC midnight. Fixed English month names: no dependence on the host's locale. */
function dayLabel(ms: number): string {
  return utcDate(ms).toFormat('d LLL');
}

/** "20 Oct – 16 Nov 2025", or with both years when the period spans New Year. */
function periodLabel(fromMs: number, toMs: number, dash: string): string {
  const fromYear = utcDate(fromMs).year;
  const toYear = utcDate(toMs).year;
  const from = fromYear === toYear ? dayLabel(fromMs) : `${dayLabel(fromMs)} ${fromYear}`;
  return `${from}${dash}${dayLabel(toMs)} ${toYear}`;
}

function hasData(series: ChartSeries): boolean {
  return series.cents.some((cents) => cents !== null);
}

function legendLabel(series: ChartSeries): string {
  return hasData(series) ? series.name : `${series.name} (no data)`;
}

/** The Vega-Lite spec for the chart (pure; exported for tests and for anyone who wants the SVG instead). */
function dailyCostChartSpec(input: DailyCostChartInput): VegaLite.TopLevelSpec {
  const days = validate(input);
  const labels = input.series.map(legendLabel);
  const values: { day: number; series: string; usd: number | null }[] = [];
  input.series.forEach((series, s) => {
    series.cents.forEach((cents, d) => {
      values.push({ day: days[d].ms, series: labels[s], usd: cents === null ? null : cents / 100 });
    });
  });
  const known = input.series.flatMap((series) => series.cents.filter((cents): cents is number => cents !== null));
  const maxUsd = known.length === 0 ? 0 : Math.max(...known.map(Math.abs)) / 100;
  const first = days[0];
  const last = days[days.length - 1];
  const subtitle = `US dollars per UTC day, ${periodLabel(first.ms, last.ms, ' – ')}`;
  // A tick every day; a label on the first day of each week (counted from the oldest day, as in the
  // alt text's weekly totals) and on the most recent day.
  const labelExpr = `((datum.value - ${first.ms}) / ${DAY_MS}) % 7 === 0 || +datum.value === ${last.ms} ? datum.label : ''`;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    padding: { left: 12, right: 20, top: 12, bottom: 10 },
    background: '#ffffff',
    title: {
      text: input.title,
      subtitle,
      anchor: 'start',
      fontSize: 16,
      fontWeight: 'bold',
      subtitleFontSize: 11,
      subtitleColor: '#555555',
    },
    data: { values },
    mark: { type: 'line', strokeWidth: 2, invalid: 'break-paths-show-domains', point: { size: 28, filled: true } },
    encoding: {
      x: {
        field: 'day',
        type: 'temporal',
        title: null,
        scale: { type: 'utc', domain: [first.ms, last.ms], padding: 10 },
        axis: {
          values: days.map((day) => day.ms),
          format: '%-d %b',
          labelExpr,
          labelOverlap: false,
          labelFlush: false,
          grid: false,
          tickSize: 4,
        },
      },
      y: {
        field: 'usd',
        type: 'quantitative',
        title: 'Cost per day (USD)',
        scale: known.length === 0 ? { domain: [0, 1] } : { zero: true, nice: true },
        axis: { format: maxUsd >= 10 ? '$,.0f' : '$,.2f', tickCount: 6 },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: labels, range: PALETTE.slice(0, labels.length) },
        legend: { orient: 'top', direction: 'horizontal', symbolStrokeWidth: 2, labelFontSize: 12 },
      },
      shape: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: labels, range: SHAPES.slice(0, labels.length) },
      },
    },
    config: {
      font: CHART_FONT_FAMILY,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelColor: '#333333' },
    },
  };
}

/** The chart as SVG text (text as <text> elements in the bundled font's family). */
export async function renderDailyCostChartSvg(input: DailyCostChartInput): Promise<string> {
  const chartSpec = dailyCostChartSpec(input);
  const { vega, vegaLite } = engines();
  const { spec } = vegaLite.compile(chartSpec);
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * PNG bytes, CHART_WIDTH × CHART_HEIGHT times `scale`, on a white background. Slack shows an image
 * at most about CHART_WIDTH wide, so scale 2 is sharp on high-density screens.
 */
export async function renderDailyCostChart(input: DailyCostChartInput, { scale = 1 } = {}): Promise<Buffer> {
  const svg = await renderDailyCostChartSvg(input);
  // Rasterised on libuv's thread pool, off the event loop.
  const image = await engines().resvg.renderAsync(svg, {
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: chartFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: CHART_FONT_FAMILY,
      sansSerifFamily: CHART_FONT_FAMILY,
    },
    logLevel: 'off',
  });
  return image.asPng();
}

function weekLabel(fromMs: number, toMs: number): string {
  return fromMs === toMs ? dayLabel(fromMs) : `${dayLabel(fromMs)}–${dayLabel(toMs)}`;
}

/** Per series, the total of each 7-day block counted from the oldest day (the last block may be shorter). */
function weeklyTotals(series: ChartSeries, days: ParsedDay[]): string {
  if (!hasData(series)) return `${series.name}: no data.`;
  const weeks: string[] = [];
  let total = 0;
  for (let start = 0; start < days.length; start += 7) {
    const slice = series.cents.slice(start, start + 7);
    const end = start + slice.length - 1;
    const known = slice.filter((cents): cents is number => cents !== null);
    const label = weekLabel(days[start].ms, days[end].ms);
    if (known.length === 0) {
      weeks.push(`${label} no data`);
      continue;
    }
    const sum = known.reduce((a, b) => a + b, 0);
    total += sum;
    const missing = slice.length - known.length;
    const gap = missing === 0 ? '' : ` (${missing} ${missing === 1 ? 'day' : 'days'} without data)`;
    weeks.push(`${label} ${formatUsd(fromCents(sum))}${gap}`);
  }
  return `${series.name}: ${weeks.join('; ')}; total ${formatUsd(fromCents(total))}.`;
}

/** A short description for screen readers (Slack image `alt_text`): the period and per-week totals per series. */
export function dailyCostChartAltText(input: DailyCostChartInput): string {
  const days = validate(input);
  const first = days[0];
  const last = days[days.length - 1];
  const title = input.title.trim() === '' ? '' : `${input.title.trim()}. `;
  const period = `Line chart of daily cost in US dollars over ${days.length} UTC ${days.length === 1 ? 'day' : 'days'}, ${periodLabel(first.ms, last.ms, ' to ')}. Weekly totals: `;
  return `${title}${period}${input.series.map((series) => weeklyTotals(series, days)).join(' ')}`;
}
