import {
  type ComplianceChecklist,
  exportMeta,
  type LiveComplianceRequest,
  resolveCompliance,
} from '../answers/compliance';
import { renderComplianceText, toCsv, toJson, toMarkdown } from '../core/compliance';
import { PLATFORM_LABEL } from '../core/compliance/phrases';
import { errorText } from '../sources/source-error';
import { type CliArgsSpec, type CliOption, readCliArgs } from './cli-args';
import type { CliCommand, CliContext } from './cli-command';
import type { CliOutcome } from './cli-outcome';
import { withLiveServices } from './live-services';

const COMMAND = 'npx hosting-advisor compliance';

type Format = 'text' | 'md' | 'csv' | 'json';

const FORMATS: Record<string, Format> = {
  text: 'text',
  txt: 'text',
  md: 'md',
  markdown: 'md',
  csv: 'csv',
  json: 'json',
};

const RENDERERS: Record<Format, typeof toCsv> = {
  text: renderComplianceText,
  md: toMarkdown,
  csv: toCsv,
  json: toJson,
};

const ARGS = {
  options: { format: { type: 'string', short: 'f' } },
  optionsText: '--format md|csv|json|text',
  example: `${COMMAND} hipaa heroku --format md`,
} satisfies CliArgsSpec<Record<string, CliOption>>;

/** Splits `--format md` / `--format=md` / `-f md` from the checklist words. */
function readArgs(args: string[]): { words: string[]; format: Format } | { error: string } {
  const read = readCliArgs(args, ARGS);
  if ('error' in read) return read;
  const value = read.values.format?.toLowerCase();
  if (value === undefined) return { words: read.words, format: 'text' };
  const chosen = Object.hasOwn(FORMATS, value) ? FORMATS[value] : undefined;
  if (chosen === undefined) {
    const what = value === '' ? 'needs a value' : `"${read.values.format?.slice(0, 20)}" is not a format`;
    return { error: `--format ${what}: use md, csv, json or text. For example: ${ARGS.example}` };
  }
  return { words: read.words, format: chosen };
}

function render(checklist: ComplianceChecklist, format: Format): string {
  // The text prints the notes itself, above the checklist; the files carry them in their own place.
  const { notes: _, ...withoutNotes } = exportMeta(checklist);
  const meta = format === 'text' ? withoutNotes : exportMeta(checklist);
  const text = RENDERERS[format](checklist.framework, checklist.findings, meta);
  const notes = format === 'text' && checklist.notes ? checklist.notes.map((note) => `Note: ${note}`) : [];
  // io.out ends the line itself; a second line break would add an empty CSV record.
  return [...notes, text.replace(/\r?\n$/, '')].join('\n');
}

/** Slack's code quotes mean nothing in a terminal. */
const plain = (text: string) => text.replace(/`/g, '');

/** `live` and `app=NAME`: the same answer as Slack gives a lead, read with this environment's credentials. */
async function runLive(request: LiveComplianceRequest, format: Format, context: CliContext): Promise<CliOutcome> {
  const { io, now } = context;
  // Loaded only for a live checklist: it reads the Heroku and Cost Explorer sources.
  const { answerLiveCompliance } = require('../answers/compliance-live') as typeof import('../answers/compliance-live');
  return withLiveServices(context, async (services, store) => {
    const answer = await answerLiveCompliance(request, services, {
      command: COMMAND,
      log: (message, error) => io.err(`${message}: ${errorText(error)}`),
    });
    if (answer.kind === 'not-connected') {
      io.err(plain(answer.message));
      return 'failed';
    }
    if (answer.kind === 'no-such-app') {
      io.err(
        `There is no app named "${answer.app}" among the Heroku apps this token sees (heroku apps lists them).${answer.notListedYet ? ` ${answer.notListedYet}` : ''}`,
      );
      return 'failed';
    }
    await store.audit({ at: now(), actor: 'cli', action: 'compliance-live', detail: answer.checklist.words });
    io.out(render(answer.checklist, format));
    // Findings that stand on nothing read: a script checking for gaps must not take them as none.
    const unread = answer.checklist.unread ?? [];
    for (const { platform, why } of unread) io.err(plain(`${PLATFORM_LABEL[platform]} could not be read: ${why}`));
    return unread.length > 0 ? 'failed' : 'answered';
  });
}

export const complianceCliCommand: CliCommand = {
  name: 'compliance',
  usage:
    'compliance <hipaa|pci|soc2|gdpr> [heroku|aws] [workload | estimate workload | live | app=NAME] [--format md|csv|json|text]',
  summary:
    'a hosting compliance checklist, against a workload, what its estimate prices, or what runs live (HEROKU_API_TOKEN, AWS credentials)',
  examples: [
    'compliance hipaa',
    'compliance pci aws --format csv',
    'compliance hipaa web=2xstandard-2x postgres=standard-0 --format md',
    'compliance hipaa estimate web=2xstandard-2x postgres=standard-0 hipaa',
    'compliance hipaa live',
    'compliance hipaa app=shop-api --format md',
  ],
  async run(args, context) {
    const { io, now } = context;
    const read = readArgs(args);
    if ('error' in read) {
      io.err(read.error);
      return 'usage-error';
    }
    // The prices the estimates use, the bot's stored live prices included, as the Slack checklist does.
    const { catalog } = await context.prices();
    const request = resolveCompliance(read.words.join(' '), { catalog, now: now(), command: COMMAND });
    // Each refusal is of the words: an unknown framework or platform, a workload word, `live` with a workload.
    if (request.kind === 'refused') {
      io.err(request.message);
      return 'usage-error';
    }
    if (request.kind === 'live') return runLive(request, read.format, context);
    io.out(render(request.checklist, read.format));
    return 'answered';
  },
};
