import { IANAZone } from 'luxon';
import { gatherDigest } from '../answers/digest';
import { renderDigestText } from '../core/digest';
import { errorText } from '../sources/source-error';
import { type CliArgsSpec, type CliOption, readCliArgsOrSay } from './cli-args';
import type { CliCommand } from './cli-command';
import type { CliOutcome } from './cli-outcome';
import { withLiveServices } from './live-services';

const ARGS = {
  options: { 'dry-run': { type: 'boolean' }, timezone: { type: 'string' } },
  optionsText: '--dry-run, --timezone ZONE',
  example: 'npx hosting-advisor digest --dry-run --timezone Europe/Berlin',
} satisfies CliArgsSpec<Record<string, CliOption>>;

const USAGE =
  'Usage: npx hosting-advisor digest --dry-run [--timezone Europe/Berlin]\nThe CLI only previews the digest; the bot posts it (`/hosting digest post`).';

/**
 * `npx hosting-advisor digest --dry-run`: the weekly digest as text, posted nowhere. Needs AWS and/or
 * Heroku credentials for figures; without them each section says what to set.
 */
export const digestCliCommand: CliCommand = {
  name: 'digest',
  usage: 'digest --dry-run [--timezone ZONE]',
  summary: 'the weekly digest (last complete week) as text; posts nothing',
  examples: ['digest --dry-run', 'digest --dry-run --timezone Europe/Berlin'],
  async run(args, context) {
    const { io, now } = context;
    const read = readCliArgsOrSay(args, ARGS, io);
    if (!read) return 'usage-error';
    const timezone = read.values.timezone;
    const example = `For example: ${ARGS.example}`;
    if (timezone === '') {
      io.err(`--timezone needs a value: an IANA time zone such as Europe/Berlin or UTC. ${example}`);
      return 'usage-error';
    }
    if (read.words.length > 0) {
      io.err(`I don't know "${read.words[0]?.slice(0, 40)}" here. ${USAGE}\n${example}`);
      return 'usage-error';
    }
    if (read.values['dry-run'] !== true) {
      io.err(USAGE);
      return 'usage-error';
    }
    if (timezone && !IANAZone.isValidZone(timezone)) {
      io.err(
        `"${timezone}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC. ${example}`,
      );
      return 'usage-error';
    }
    return withLiveServices(context, async (services, store): Promise<CliOutcome> => {
      const at = now();
      const digest = await gatherDigest(services, {
        now: at,
        explain: true,
        ...(timezone ? { timezone } : {}),
        log: (message, error) => io.err(`${message}: ${errorText(error)}`),
      });
      const platforms = [digest.aws, digest.heroku];
      const figures = platforms.some((platform) => platform.status === 'ok');
      if (figures) {
        await store.audit({ at, actor: 'cli', action: 'digest-preview', detail: `previewed ${digest.week.id}` });
      }
      io.out(renderDigestText(digest).replace(/:warning: /g, 'WARNING: '));
      // As spend: a platform that failed, or neither connected, is a preview without its figures, though
      // the digest is printed (each section saying why): a script must not take it for the week's figures.
      return platforms.some((platform) => platform.status === 'failed') || !figures ? 'failed' : 'answered';
    });
  },
};
