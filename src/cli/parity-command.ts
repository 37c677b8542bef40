import { parityAnswer, parityAuditDetail, parseParityArgs } from '../answers/parity';
import { pricesLabel, renderParityText } from '../core/parity';
import { type CliArgsSpec, type CliOption, readCliArgsOrSay } from './cli-args';
import type { CliCommand } from './cli-command';
import { withLiveServices } from './live-services';
import { parityJson } from './parity-json';

const COMMAND = 'npx hosting-advisor parity';

const ARGS = {
  options: { json: { type: 'boolean' } },
  optionsText: '--json',
  example: `${COMMAND} shop --json`,
} satisfies CliArgsSpec<Record<string, CliOption>>;

/** Slack's code quotes mean nothing in a terminal. */
const plain = (text: string) => text.replace(/`/g, '');

/** `npx hosting-advisor parity [pipeline] [--json]`: what `/hosting parity` shows, as text or JSON. */
export const parityCliCommand: CliCommand = {
  name: 'parity',
  usage: 'parity [pipeline] [--json]',
  summary:
    'staging against production per Heroku pipeline: risks, cost choices, what staging costs and what matching would',
  examples: ['parity', 'parity shop --json'],
  async run(args, context) {
    const { io, now } = context;
    const read = readCliArgsOrSay(args, ARGS, io);
    if (!read) return 'usage-error';
    const json = read.values.json === true;
    const parsed = parseParityArgs(read.words.join(' '), COMMAND);
    if ('error' in parsed) {
      io.err(plain(parsed.error));
      return 'usage-error';
    }
    return withLiveServices(context, async (services, store) => {
      const at = now();
      const answer = await parityAnswer(parsed.pipeline, {
        services,
        command: COMMAND,
        log: (message, error) => io.err(`${message}: ${error instanceof Error ? error.message : String(error)}`),
      });
      if (answer.kind === 'no-pipelines') {
        // Not a failure: the account simply has nothing to compare.
        io.out(json ? JSON.stringify({ pipelines: [], notes: [answer.message] }, null, 2) : plain(answer.message));
        return 'answered';
      }
      if (answer.kind !== 'report') {
        // Heroku not connected or not read, or a pipeline it does not have (the message lists those it has).
        io.err(plain(answer.message));
        return 'failed';
      }
      await store.audit({ at, actor: 'cli', action: 'parity', detail: parityAuditDetail(parsed.pipeline, answer) });
      if (json) io.out(parityJson(answer));
      else {
        // Each pipeline dates its own figures; this line spans them all, as Slack's foot and --json's `prices` do.
        const heading = `Staging against production, read from the ${answer.freshness}; figures ${pricesLabel(answer.report)}.`;
        io.out(plain([heading, '', renderParityText(answer.report)].join('\n')));
      }
      return 'answered';
    });
  },
};
