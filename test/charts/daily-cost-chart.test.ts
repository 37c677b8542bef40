import fs from 'node:fs';
import { inflateSync } from 'node:zlib';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  type DailyCostChartInput,
  dailyCostChartAltText,
  renderDailyCostChart,
  renderDailyCostChartSvg,
} from '../../src/charts/daily-cost-chart';
import { renderDailyCostChartInWorker } from '../../src/charts/render-in-worker';
import { childProcesses } from '../support/child-processes';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** 28 UTC days ending 16 Nov 2025 (crossing a month boundary). */
const DAYS = Array.from({ length: 28 }, (_, i) => new Date(Date.UTC(2025, 9, 20 + i)).toISOString().slice(0, 10));

const AWS = DAYS.map((_, i) => 4_000 + ((i * 37) % 11) * 150);
const HEROKU = DAYS.map((_, i) => (i === 10 || i === 11 ? null : 2_500 + (i >= 14 ? 300 : 0)));

function input(overrides: Partial<DailyCostChartInput> = {}): DailyCostChartInput {
  return {
    title: 'Daily cost: AWS and Heroku, last 4 weeks',
    days: DAYS,
    series: [
      { name: 'AWS', cents: AWS },
      { name: 'Heroku', cents: HEROKU },
    ],
    ...overrides,
  };
}

interface Decoded {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row-major */
  rgba: Buffer;
}

/** A minimal PNG decoder for what resvg writes (8-bit RGBA, not interlaced), enough to inspect pixels. */
function decodePng(png: Buffer): Decoded {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect({ bitDepth: data[8], colorType: data[9], interlace: data[12] }).toEqual({
        bitDepth: 8,
        colorType: 6,
        interlace: 0,
      });
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? rgba[y * stride + x - 4] : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x] : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rgba[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

/** Pixels in [x0, x1) × [y0, y1) darker than light grey: text and lines, not background or gridlines. */
function darkPixels(image: Decoded, x0: number, y0: number, x1: number, y1: number): number {
  let count = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      if (image.rgba[i] + image.rgba[i + 1] + image.rgba[i + 2] < 3 * 128) count++;
    }
  }
  return count;
}

function pixelsOfColour(image: Decoded, rgb: [number, number, number]): number {
  let count = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i] === rgb[0] && image.rgba[i + 1] === rgb[1] && image.rgba[i + 2] === rgb[2]) count++;
  }
  return count;
}

/** The `d` of the line drawn for one series, from Vega's SVG (its aria-label names the series). */
function linePath(svg: string, series: string): string {
  const paths = [...svg.matchAll(/<path aria-label="([^"]*)"[^>]*aria-roledescription="line mark" d="([^"]*)"/g)];
  const found = paths.filter((m) => m[1].endsWith(`series: ${series}`));
  if (found.length !== 1) throw new Error(`expected one line for ${series}, found ${found.length}`);
  return found[0][2];
}

const moveTos = (d: string) => (d.match(/M/g) ?? []).length;

describe('renderDailyCostChart', () => {
  it('writes a PNG of CHART_WIDTH × CHART_HEIGHT (about 800 × 400)', async () => {
    const png = await renderDailyCostChart(input());
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 800, height: 400 });
    expect({ width: CHART_WIDTH, height: CHART_HEIGHT }).toEqual({ width: 800, height: 400 });
    const image = decodePng(png);
    expect(image.rgba.length).toBe(800 * 400 * 4);
  });

  it('at scale 2 (the digest: sharp on high-density screens) it is 1600 × 800', async () => {
    const png = await renderDailyCostChart(input(), { scale: 2 });
    expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }).toEqual({ width: 1600, height: 800 });
  });

  it('is deterministic: the same input gives the same bytes, whatever was rendered in between', async () => {
    const first = await renderDailyCostChart(input());
    await renderDailyCostChart(input({ title: 'something else', series: [{ name: 'AWS', cents: AWS }] }));
    const second = await renderDailyCostChart(input());
    expect(second.equals(first)).toBe(true);
  });

  it('does not depend on the host time zone: days are UTC days', async () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
      const east = await renderDailyCostChartSvg(input());
      process.env.TZ = 'Pacific/Pago_Pago'; // UTC-11
      const west = await renderDailyCostChartSvg(input());
      expect(west).toBe(east);
      expect(east).toContain('>20 Oct<');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('draws the title with the bundled font (no system fonts are loaded)', async () => {
    const titled = decodePng(await renderDailyCostChart(input()));
    const untitled = decodePng(await renderDailyCostChart(input({ title: '' })));
    // The title sits at the top left, in bold 16px: a band 24px high, 300px wide.
    const withTitle = darkPixels(titled, 0, 0, 300, 24);
    const withoutTitle = darkPixels(untitled, 0, 0, 300, 24);
    expect(withTitle).toBeGreaterThan(500);
    expect(withTitle).toBeGreaterThan(withoutTitle + 500);
  });

  it('labels days as "16 Nov", the y axis in US dollars, and the series in a legend', async () => {
    const svg = await renderDailyCostChartSvg(input());
    for (const label of ['20 Oct', '27 Oct', '3 Nov', '10 Nov', '16 Nov', '$0', '$50', 'AWS', 'Heroku']) {
      expect(svg).toContain(`>${label}<`);
    }
    expect(svg).toContain('>Cost per day (USD)<');
    expect(svg).toContain('Daily cost: AWS and Heroku, last 4 weeks');
    expect(svg).toContain('20 Oct – 16 Nov 2025');
    expect(svg).not.toMatch(/font-family="(?!DejaVu Sans")/);
  });

  it('uses cents for small amounts on the y axis', async () => {
    const svg = await renderDailyCostChartSvg(input({ series: [{ name: 'AWS', cents: DAYS.map((_, i) => 100 + i) }] }));
    expect(svg).toMatch(/>\$1\.\d0</);
  });

  it('leaves a gap for a day without data instead of drawing zero', async () => {
    const svg = await renderDailyCostChartSvg(input());
    expect(moveTos(linePath(svg, 'AWS'))).toBe(1);
    expect(moveTos(linePath(svg, 'Heroku'))).toBe(2);
  });

  it('still renders a series with no data at all, and says so in the legend', async () => {
    const chart = input({
      series: [
        { name: 'AWS', cents: AWS },
        { name: 'Heroku', cents: DAYS.map(() => null) },
      ],
    });
    const svg = await renderDailyCostChartSvg(chart);
    expect(svg).toContain('>Heroku (no data)<');
    const image = decodePng(await renderDailyCostChart(chart));
    expect(pixelsOfColour(image, [0xd9, 0x73, 0x0d])).toBeGreaterThan(200); // AWS's orange line
    expect(pixelsOfColour(image, [0x6f, 0x42, 0xc1])).toBeGreaterThan(20); // Heroku's legend swatch
    expect(pixelsOfColour(image, [0x6f, 0x42, 0xc1])).toBeLessThan(200); // and no line
  });

  it('renders when no series has any data', async () => {
    const png = await renderDailyCostChart(input({ series: [{ name: 'AWS', cents: DAYS.map(() => null) }] }));
    expect(decodePng(png).width).toBe(800);
  });

  it('rejects series whose length does not match the days, with a clear error', async () => {
    const bad = input({ series: [{ name: 'AWS', cents: AWS.slice(1) }] });
    await expect(renderDailyCostChart(bad)).rejects.toThrow('series "AWS" has 27 values but there are 28 days');
    expect(() => dailyCostChartAltText(bad)).toThrow('series "AWS" has 27 values but there are 28 days');
  });

  it('rejects malformed days, days out of order, fractional cents and duplicate names', async () => {
    await expect(renderDailyCostChart(input({ days: [...DAYS.slice(0, 27), '2025-11-31'] }))).rejects.toThrow(
      'days[27] is "2025-11-31", not a UTC day YYYY-MM-DD',
    );
    await expect(renderDailyCostChart(input({ days: [...DAYS].reverse() }))).rejects.toThrow('oldest first');
    const fractional = [...AWS];
    fractional[3] = 12.5;
    await expect(renderDailyCostChart(input({ series: [{ name: 'AWS', cents: fractional }] }))).rejects.toThrow(
      'series "AWS" on 2025-10-23 is 12.5; expected whole cents or null',
    );
    await expect(
      renderDailyCostChart(
        input({
          series: [
            { name: 'AWS', cents: AWS },
            { name: 'AWS', cents: AWS },
          ],
        }),
      ),
    ).rejects.toThrow('two series are named "AWS"');
  });
});

describe('renderDailyCostChartInWorker (the digest draws its chart off the event loop)', () => {
  // Each chart here is drawn by a fresh Node process that loads Vega, Vega-Lite and resvg cold (about
  // 1 s of CPU, 2-7 s a test at a load average of 15-20 on 2 cores), at the lowest CPU priority the
  // product gives it (nice 19): behind everything else on a loaded machine, which is the point in
  // production but can take a test past jest's 30 s. The SIGTERM test may draw up to 5 such charts.
  // These tests assert bytes and signals, never speed, so a longer limit hides nothing.
  const WORKER_TEST_TIMEOUT_MS = 120_000;

  it(
    'gives the same PNG bytes as drawing in this thread, at scale 1 and 2',
    async () => {
      for (const scale of [1, 2]) {
        const here = await renderDailyCostChart(input(), { scale });
        const there = await renderDailyCostChartInWorker(input(), { scale });
        expect(there.length).toBe(here.length);
        expect(there.equals(here)).toBe(true);
      }
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  it(
    'draws on through a SIGTERM to every process (a dyno restarting): the bot decides when its work stops',
    async () => {
      const children = () => childProcesses('chart-worker.js');
      // Node itself catches SIGTERM from its first instant (SigCgt says so before any handler of ours
      // runs), so the signal waits until the process is drawing: resvg's native library, loaded for
      // the first render, is mapped only after the process's own handlers are in place.
      const drawing = (pid: string) => {
        try {
          return fs.readFileSync(`/proc/${pid}/maps`, 'utf8').includes('resvg');
        } catch {
          return false;
        }
      };
      // The signal lands in that window, from resvg's mapping to the process's exit, only if this thread
      // gets the CPU then: on a loaded machine a chart can be drawn between two looks. Such a chart proves
      // nothing either way (it was never signalled), so another is drawn, up to 5, until one is.
      const expected = await renderDailyCostChart(input());
      let signalled = 0;
      for (let charts = 0; signalled === 0 && charts < 5; charts++) {
        // Only this chart's process: the one before may still be on its way out, done drawing.
        const earlier = new Set(children());
        let drawn = false;
        const png = renderDailyCostChartInWorker(input());
        const settled = () => {
          drawn = true;
        };
        png.then(settled, settled);
        while (!drawn && signalled === 0) {
          for (const pid of children()) {
            if (earlier.has(pid) || !drawing(pid)) continue;
            process.kill(Number(pid), 'SIGTERM');
            signalled++;
          }
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        // A signalled process that ended at the signal rejects here ("stopped (SIGTERM)").
        expect((await png).equals(expected)).toBe(true);
      }
      expect(signalled).toBe(1);
    },
    WORKER_TEST_TIMEOUT_MS,
  );

  it(
    'passes the reason of a refused input back, as drawing in this thread would',
    async () => {
      const bad = input({ series: [{ name: 'AWS', cents: AWS.slice(1) }] });
      await expect(renderDailyCostChartInWorker(bad)).rejects.toThrow(
        'series "AWS" has 27 values but there are 28 days',
      );
    },
    WORKER_TEST_TIMEOUT_MS,
  );
});

describe('dailyCostChartAltText', () => {
  it('gives the period and per-week totals per series, with gaps named', () => {
    const text = dailyCostChartAltText({
      title: 'Daily cost',
      days: DAYS.slice(0, 10),
      series: [
        { name: 'AWS', cents: [100, 200, 300, 400, 500, 600, 700, 1_000, 2_000, 123_456] },
        { name: 'Heroku', cents: [null, 50, 50, 50, 50, 50, 50, null, null, null] },
        { name: 'Other', cents: Array(10).fill(null) },
      ],
    });
    expect(text).toBe(
      'Daily cost. Line chart of daily cost in US dollars over 10 UTC days, 20 Oct to 29 Oct 2025. Weekly totals: ' +
        'AWS: 20 Oct–26 Oct $28.00; 27 Oct–29 Oct $1,264.56; total $1,292.56. ' +
        'Heroku: 20 Oct–26 Oct $3.00 (1 day without data); 27 Oct–29 Oct no data; total $3.00. ' +
        'Other: no data.',
    );
  });

  it('covers four weeks for the digest chart', () => {
    const text = dailyCostChartAltText(input());
    expect(text.match(/AWS: (.*?total \$[\d,]+\.\d\d)\./)?.[1].split(';')).toHaveLength(5); // 4 weeks + total
    expect(text).toContain('27 Oct–2 Nov $125.00 (2 days without data)');
  });
});
