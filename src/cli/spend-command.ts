import { buildSpendReport, reportFailed, reportHasFigures } from '../answers/spend';
import { describeRequest, parseSpendArgs } from '../core/spend/request';
import { errorText } from '../sources/source-error';
import { type CliArgsSpec, type CliOption, readCliArgsOrSay, terminalWords } from './cli-args';
import type { CliCommand } from './cli-command';
import { withLiveServices } from './live-services';
import { spendReportJson, spendReportPlainText } from './spend-text';

const ARGS = {
  options: { json: { type: 'boolean' } },
  optionsText: '--json',
  example: 'npx hosting-advisor spend aws 30d by service --json',
} satisfies CliArgsSpec<{ json: CliOption }>;

/** `npx hosting-advisor spend [aws|heroku] [7d|30d|mtd|last-month] [by …] [--json]`: what `/hosting spend` shows, as text or JSON. */
export const spendCliCommand: CliCommand = {
  name: 'spend',
  usage: 'spend [aws|heroku] [7d|30d|mtd|last-month] [by service|account|app|tag:KEY] [--json]',
  summary:
    'live AWS and Heroku spend for one period: each platform and both together, before and after credits, every line, change, forecast',
  examples: ['spend', 'spend aws 30d by service', 'spend heroku --json'],
  async run(args, context) {
    const { io, now } = context;
    const read = readCliArgsOrSay(args, ARGS, io);
    if (!read) return 'usage-error';
    const json = read.values.json === true;
    const request = parseSpendArgs(read.words.join(' '));
    if ('error' in request) {
      io.err(terminalWords(request.error));
      return 'usage-error';
    }
    return withLiveServices(context, async ({ sources, catalog }, store) => {
      const at = now();
      const report = await buildSpendReport(request, {
        sources,
        store,
        catalog,
        now: at,
        log: (message, error) => io.err(`${message}: ${errorText(error)}`),
      });
      const figures = reportHasFigures(report);
      if (figures) await store.audit({ at, actor: 'cli', action: 'spend', detail: describeRequest(request) });
      // No platform asked for has figures (each off or failed): the text is only what to fix, so it goes to
      // stderr and it has failed, as migrate and parity do; --json keeps its statuses on stdout for a script.
      const text = json ? spendReportJson(report) : spendReportPlainText(report);
      if (figures || json) io.out(text);
      else io.err(text);
      return reportFailed(report) || !figures ? 'failed' : 'answered';
    });
  },
};
