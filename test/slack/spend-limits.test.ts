import type { SpendReport } from '../../src/answers/spend';
import { linesAddingUp } from '../../src/core/spend/rows';
import { spendMessage } from '../../src/slack/listeners/commands/spend-blocks';
import { spendDetailsView } from '../../src/slack/listeners/views/spend-details';

/** The largest realistic answer: 3,000 Heroku apps and 400 AWS services with long names, in Slack's limits. */
function bigReport(): SpendReport {
  const apps = Array.from({ length: 3000 }, (_, i) => ({
    label: `tenant-${i}-api-production-eu-west`,
    cents: 100_000 - i,
  }));
  const services = Array.from({ length: 400 }, (_, i) => ({
    label: `Amazon Service With A Long Name ${i}`,
    cents: 50_000 - i,
  }));
  const total = (lines: { cents: number }[]) => lines.reduce((sum, line) => sum + line.cents, 0);
  const figures = (platform: 'aws' | 'heroku', lines: { label: string; cents: number }[]) => ({
    grossCents: total(lines),
    netCents: total(lines) - 1250,
    creditsCents: -1250,
    measure: 'Cost Explorer, cost before credits',
    grouping: platform === 'aws' ? 'service' : 'app',
    lines: linesAddingUp(lines, total(lines), 5, 'app'),
    allLines: linesAddingUp(lines, total(lines), lines.length, 'app', true),
    movers: lines.slice(0, 5).map((line) => `${line.label}: +$1.00 ($1.00 → $2.00)`),
    notes: ['as of 2026-12-06 09:00 UTC'],
    details: Array.from(
      { length: 40 },
      (_, i) => `Not counted: app-${i} enterprise-search:dedicated (contract price, 7 days).`,
    ),
  });
  return {
    period: '29 Nov – 5 Dec 2026 (7 days)',
    dates: { first: '2026-11-29', last: '2026-12-05' },
    words: 'aws heroku 7d by service',
    day: '2026-12-06',
    title: 'AWS and Heroku spend, 29 Nov – 5 Dec 2026 (7 days)',
    platforms: [
      { platform: 'aws', name: 'AWS', status: 'ok', figures: figures('aws', services) },
      { platform: 'heroku', name: 'Heroku', status: 'ok', figures: figures('heroku', apps) },
    ],
    together: {
      grossCents: total(services) + total(apps),
      netCents: total(services) + total(apps) - 2500,
      estimated: true,
    },
  };
}

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string }[] };

test('the message and its details keep every Slack limit with margin for a big fleet', () => {
  const report = bigReport();
  const message = spendMessage(report, false);
  const blocks = message.blocks as Block[];
  expect(blocks.length).toBeLessThanOrEqual(50);
  expect(message.text.length).toBeLessThan(4000);
  expect((blocks[0]?.text?.text ?? '').length).toBeLessThanOrEqual(150);
  for (const block of blocks) {
    expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
    for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
  }
  const view = spendDetailsView(report);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  for (const block of view.blocks as Block[]) {
    expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    for (const element of block.elements ?? []) expect(element.text?.length ?? 0).toBeLessThanOrEqual(3000);
  }
  expect(JSON.stringify(view)).toContain('more lines (`npx hosting-advisor spend` prints all)');
});
