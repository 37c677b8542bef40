import { answerMigrate, migrateFrom, parseMigrateWords } from '../answers/migrate';
import { migrateReport } from '../answers/migrate-report';
import { type CliArgsSpec, type CliOption, readCliArgsOrSay, terminalWords } from './cli-args';
import type { CliCommand } from './cli-command';
import { withLiveServices } from './live-services';
import { migrateJson } from './migrate-json';
import { migrateReportText } from './migrate-text';

const ARGS = {
  options: { json: { type: 'boolean' } },
  optionsText: '--json',
  example: 'npx hosting-advisor migrate heroku --json',
} satisfies CliArgsSpec<Record<string, CliOption>>;

/** `npx hosting-advisor migrate [heroku|aws] [--json]`: what `/hosting migrate` shows, with every app. */
export const migrateCliCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate [heroku|aws] [--json]',
  summary: 'the whole live Heroku account modelled on AWS, or the AWS account on Heroku, in three tiers',
  examples: ['migrate heroku', 'migrate aws --json'],
  async run(args, context) {
    const { io, now } = context;
    const read = readCliArgsOrSay(args, ARGS, io);
    if (!read) return 'usage-error';
    const json = read.values.json === true;
    const words = parseMigrateWords(read.words.join(' '));
    if ('error' in words) {
      io.err(terminalWords(words.error));
      return 'usage-error';
    }
    return withLiveServices(context, async ({ sources, catalog }, store) => {
      const at = now();
      const chosen = migrateFrom(words.from, sources);
      if ('off' in chosen) {
        io.err(chosen.off);
        return 'failed';
      }
      const { from } = chosen;
      const answer = await answerMigrate(from, {
        sources,
        catalog,
        now: at,
        log: (message, error) => io.err(`${message}: ${error instanceof Error ? error.message : String(error)}`),
      });
      if (answer.kind !== 'migrate') {
        io.err(answer.message);
        // No apps to move is an answer; an account not connected or not read is not.
        return answer.kind === 'empty' ? 'answered' : 'failed';
      }
      await store.audit({ at, actor: 'cli', action: 'migrate', detail: from });
      io.out(json ? JSON.stringify(migrateJson(answer), null, 2) : migrateReportText(migrateReport(answer, 1000)));
      return 'answered';
    });
  },
};
