/**
 * Every figure behind a spend answer, as a modal opened from its Details button: each platform's
 * every group (adding up to its total), the biggest changes, credits, the forecast, and the exact
 * Cost Explorer metric and request count. Pure.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { SpendReport } from '../../../answers/spend';
import { neutraliseMarkup } from '../../../core/user-text';
import { grossNet, linesText } from '../commands/spend-blocks';

const SECTION_LIMIT = 2900;
const MAX_VIEW_BLOCKS = 100;
/** Sections of lines per platform; a fleet of thousands of apps ends with "… N more" instead. */
const MAX_CHUNKS = 12;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const note = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: text.length <= SECTION_LIMIT ? text : `${text.slice(0, SECTION_LIMIT - 1)}…` }],
});

/** Lines packed into sections under Slack's 3,000 characters each. */
function chunks(lines: readonly string[]): string[] {
  const out: string[] = [];
  let current = '';
  for (const [i, line] of lines.entries()) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= SECTION_LIMIT) {
      current = next;
      continue;
    }
    if (out.length + 1 >= MAX_CHUNKS) {
      out.push(`${current}\n… and ${lines.length - i} more lines (\`npx hosting-advisor spend\` prints all)`);
      return out;
    }
    out.push(current);
    current = line.slice(0, SECTION_LIMIT);
  }
  if (current) out.push(current);
  return out;
}

export function spendDetailsView(report: SpendReport): ModalView {
  const blocks: KnownBlock[] = [note(`${report.title}. UTC days, both ends included.`)];
  for (const platform of report.platforms) {
    blocks.push({ type: 'divider' });
    const f = platform.figures;
    if (!f) {
      blocks.push(section(`*${platform.name}*: :warning: ${platform.problem ?? 'no figures'}`));
      continue;
    }
    blocks.push(section(`*${platform.name}*: ${grossNet(f.grossCents, f.netCents, platform.platform)}\n${f.measure}`));
    for (const text of chunks(linesText(platform, true).split('\n'))) blocks.push(section(text));
    if (f.movers.length > 0) {
      blocks.push(
        section(
          [
            `*Biggest changes* (${f.change?.over ? `${f.change.over.range} ` : ''}on ${f.change?.range ?? 'the period before'})`,
            ...f.movers.map((m) => `• ${neutraliseMarkup(m)}`),
          ].join('\n'),
        ),
      );
    }
    blocks.push(note([...(f.forecast ? [f.forecast] : []), ...f.notes, ...f.details].map(neutraliseMarkup).join('\n')));
  }
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Spend details' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: blocks.slice(0, MAX_VIEW_BLOCKS),
  };
}

/** Shown while the figures are read (from the cache, usually at once). */
export function spendDetailsLoadingView(): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: 'Spend details' },
    close: { type: 'plain_text', text: 'Close' },
    blocks: [section('Reading the figures…')],
  };
}
