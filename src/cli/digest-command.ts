import { IANAZone } from 'luxon';
import { gatherDigest } from '../answers/digest';
import { renderDigestText } from '../core/digest';
import type { Services } from '../services';
import { closeSources } from '../sources/connect-sources';
import { errorText } from '../sources/source-error';
import { openStore } from '../store/open-store';
import type { CliCommand } from './cli-command';
import { cliServices } from './cli-services';

/**
 * `npx hosting-advisor digest --dry-run`: the weekly digest as text, posted nowhere. Needs AWS and/or
 * Heroku credentials for figures; without them each section says what to set.
 */
export const digestCliCommand: CliCommand = {
  name: 'digest',
  usage: 'digest --dry-run [--timezone ZONE]',
  summary: 'the weekly digest (last complete week) as text; posts nothing',
  examples: ['digest --dry-run', 'digest --dry-run --timezone Europe/Berlin'],
  async run(args, { config, io, now }) {
    const zoneAt = args.indexOf('--timezone');
    const timezone = zoneAt >= 0 ? args[zoneAt + 1] : undefined;
    const known = args.every((arg, i) => arg === '--dry-run' || arg === '--timezone' || i === zoneAt + 1);
    if (!args.includes('--dry-run') || !known || (zoneAt >= 0 && !timezone)) {
      io.err(
        'Usage: npx hosting-advisor digest --dry-run [--timezone Europe/Berlin]\nThe CLI only previews the digest; the bot posts it (`/hosting digest post`).',
      );
      return 2;
    }
    if (timezone && !IANAZone.isValidZone(timezone)) {
      io.err(`"${timezone}" is not an IANA time zone; use a name such as Europe/Berlin, America/New_York or UTC.`);
      return 2;
    }
    const at = now();
    const store = await openStore(config, at);
    const services: Services = await cliServices(config, store, now);
    const { sources } = services;
    try {
      const digest = await gatherDigest(services, {
        now: at,
        explain: true,
        ...(timezone ? { timezone } : {}),
        log: (message, error) => io.err(`${message}: ${errorText(error)}`),
      });
      if (digest.aws.status === 'ok' || digest.heroku.status === 'ok') {
        await store.audit({ at, actor: 'cli', action: 'digest-preview', detail: `previewed ${digest.week.id}` });
      }
      io.out(renderDigestText(digest).replace(/:warning: /g, 'WARNING: '));
      return 0;
    } finally {
      closeSources(sources);
      await store.close();
    }
  },
};
