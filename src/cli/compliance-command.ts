import { type ComplianceChecklist, liveNotConnectedMessage, resolveCompliance } from '../answers/compliance';
import { renderComplianceText, toCsv, toJson, toMarkdown } from '../core/compliance';
import { type CliArgsSpec, type CliOption, readCliArgs } from './cli-args';
import type { CliCommand } from './cli-command';

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
  const text = RENDERERS[format](checklist.framework, checklist.findings, checklist.meta);
  // io.out ends the line itself; a second line break would add an empty CSV record.
  return text.replace(/\r?\n$/, '');
}

export const complianceCliCommand: CliCommand = {
  name: 'compliance',
  usage: 'compliance <hipaa|pci|soc2|gdpr> [heroku|aws] [workload] [--format md|csv|json|text]',
  summary: 'a hosting compliance checklist, optionally evaluated against a workload',
  examples: [
    'compliance hipaa',
    'compliance pci aws --format csv',
    'compliance hipaa web=2xstandard-2x postgres=standard-0 --format md',
  ],
  async run(args, { catalog, io, now }) {
    const read = readArgs(args);
    if ('error' in read) {
      io.err(read.error);
      return 1;
    }
    const request = resolveCompliance(read.words.join(' '), { catalog, now: now(), command: COMMAND });
    if (request.kind === 'refused') {
      io.err(request.message);
      return 1;
    }
    if (request.kind === 'live') {
      io.err(liveNotConnectedMessage(request.framework, COMMAND));
      return 1;
    }
    io.out(render(request.checklist, read.format));
    return 0;
  },
};
