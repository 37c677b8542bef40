import { digestCliCommand } from '../../src/cli/digest-command';
import { cliContext } from '../../src/cli/run-cli';
import { loadConfig } from '../../src/config';
import type { Harness } from '../support/bot-harness';
import { capture } from '../support/capture';
import type { CeRequestBody, FakeCostExplorer } from '../support/fake-cost-explorer';
import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import {
  AWS_ENV,
  byServiceAndUsage,
  EC2,
  S3,
  scriptDaily,
  scriptDigestCosts,
  standard2xSnapshot,
  startAlertHarness,
  useLocalCostExplorer,
} from './support';

/**
 * "Why it changed" in the weekly digest (W47, 16–22 Nov 2026, against W46), in the posted message
 * and in the CLI's text: shop-api scaled from 2 to 6 Standard-2X on 18 Nov, priced; EC2 m5.large
 * from $20 to $25 a day, named by service and usage type. The usage types come from the alert
 * checks' daily request: when they already asked that day, the digest asks nothing more.
 */
const NOW = new Date('2026-11-23T09:00:00Z');
const CHANNEL = 'CDIGEST01';
const HEROKU_LINE =
  'Heroku shop-api: web dynos went from 2 × Standard-2X to 6 × Standard-2X (+$200.00/month, +$6.67/day), on Wed 18 Nov';
const AWS_LINE =
  'AWS Amazon Elastic Compute Cloud - Compute / BoxUsage:m5.large: $175.00 last week against $140.00 the week before (+$35.00)';

let ce: FakeCostExplorer;
let heroku: FakeHeroku;
let h: Harness;
const localCostExplorer = useLocalCostExplorer();

const ec2 = (day: string) => (day >= '2026-11-16' ? '25' : '20');
const days = (start: string, end: string) => {
  const list: string[] = [];
  for (let d = start; d < end; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10))
    list.push(d);
  return list;
};

function scriptAws() {
  scriptDigestCosts(ce, (day) => [{ keys: [EC2], amount: ec2(day) }]);
  // The alert checks' question: by service and usage type.
  scriptDaily(ce, (day) => [
    { keys: [EC2, 'BoxUsage:m5.large'], amount: ec2(day) },
    { keys: [S3, 'TimedStorage-ByteHrs'], amount: '1' },
  ]);
}

beforeEach(async () => {
  ce = localCostExplorer();
  ce.reset();
  scriptAws();
  const world = new HerokuWorld({ seed: 7 });
  world.addApp('shop-api', { formation: [{ type: 'web', quantity: 6, size: 'standard-2X' }], addOns: [] });
  heroku = await FakeHeroku.start({ world });
  h = await startAlertHarness(ce, () => NOW, { DIGEST_CHANNEL: CHANNEL }, heroku);
  for (const day of days('2026-10-01', '2026-11-24')) {
    const data = { ...standard2xSnapshot(day >= '2026-11-18' ? 6 : 2), team: null };
    await h.bot.services.store.putSnapshot({ day, app: 'shop-api', data, takenAt: NOW });
  }
});
afterEach(async () => {
  await h.close();
  await heroku.close();
});

test('the posted digest says why each platform moved; the usage types cost no request after the alert check', async () => {
  await h.bot.alerts.checkBudgets(NOW);
  const askedByAlerts = ce.requests('GetCostAndUsage').filter((r) => byServiceAndUsage(r.body as CeRequestBody));
  expect(askedByAlerts).toHaveLength(1);
  await h.command('digest post');
  await h.settle();
  const posted = h.slack.callsTo('chat.postMessage').find((call) => call.body.channel === CHANNEL)!;
  capture('digest-why', posted.body);
  const blocks = posted.body.blocks as { text?: { text: string } }[];
  const why = blocks.find((block) => block.text?.text.startsWith('*Why it changed*'))!.text!.text;
  expect(why.split('\n')).toEqual([
    '*Why it changed* (last week against the week before)',
    `• ${HEROKU_LINE}`,
    `• ${AWS_LINE}`,
  ]);
  // After the platform sections, before compliance.
  const texts = blocks.map((block) => block.text?.text ?? '');
  expect(texts.findIndex((t) => t.startsWith('*Heroku*'))).toBeLessThan(texts.indexOf(why));
  expect(ce.requests('GetCostAndUsage').filter((r) => byServiceAndUsage(r.body as CeRequestBody))).toHaveLength(1);
});

test('the CLI digest text has the same section', async () => {
  const env = {
    ...AWS_ENV,
    AWS_ENDPOINT_URL_COST_EXPLORER: ce.endpoint,
    HEROKU_API_TOKEN: heroku.token,
    HEROKU_API_URL: heroku.url,
    DATABASE_URL: h.bot.services.config.DATABASE_URL,
  };
  const config = loadConfig(env, { requireSlack: false });
  const out: string[] = [];
  const io = { out: (text: string) => void out.push(text), err: () => {} };
  const outcome = await digestCliCommand.run(
    ['--dry-run'],
    cliContext(config, undefined, io, () => NOW),
  );
  expect(outcome).toBe('answered');
  expect(out.join('\n')).toContain(
    [
      'Why it changed: last week (Mon 16 – Sun 22 Nov 2026) against the week before (Mon 9 – Sun 15 Nov 2026):',
      HEROKU_LINE,
      AWS_LINE,
    ].join('\n'),
  );
});
