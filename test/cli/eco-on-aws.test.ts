import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { runCliCaptured } from '../support/run-cli';

/**
 * Eco dynos on AWS: priced always on (AWS bills every hour an instance runs and nothing sleeps on its
 * own), and the answer says so, with the hours Heroku's pool gives them against the hours AWS is priced
 * for: 1,000 a month for the whole account, an Eco web dyno asleep after 30 minutes without traffic.
 */
const RULE_START =
  'Eco dynos (web, worker) on AWS are priced always on: these 2 Eco dynos, 1,460 instance-hours a month';

test('an estimate with two Eco dynos prices each at 730 h on AWS and says why, against the 1,000 h Heroku pools', async () => {
  const { code, stdout } = await runCliCaptured(['estimate', 'web=1xeco', 'worker=1xeco']);
  expect(code).toBe(0);
  expect(stdout).toContain('    web: 1 × t3.small: 730 × $0.0208/hour = $15.18/mo, estimated');
  expect(stdout).toContain('    worker: 1 × t3.small: 730 × $0.0208/hour = $15.18/mo, estimated');
  const rule = stdout.split('\n').find((line) => line.startsWith(`  - ${RULE_START}`));
  expect(rule).toBe(
    `  - ${RULE_START}, since AWS bills an EC2 instance or Fargate task for every hour it runs and none sleeps without traffic on its own. On Heroku the account's Eco dynos share one pool of 1,000 dyno-hours a month for the flat Eco fee, an Eco web dyno sleeps after 30 minutes without web traffic (an Eco worker with it), and all sleep once the pool is spent (Heroku Help, "How do Eco dyno hours work?"), so Heroku runs these 2 Eco dynos at most 1,000 of the 1,460 hours priced on AWS. Matching that on AWS would mean stopping the instances or scaling the tasks to zero when idle, work on the app that this model does not assume. Eco is not for production traffic.`,
  );
});

test('`migrate heroku` of three Eco apps says the same of the account: 2,190 hours priced on AWS, at most 1,000 on Heroku', async () => {
  const world = new HerokuWorld({ seed: 5 });
  for (const name of ['blog', 'notes', 'links'])
    world.addApp(name, { formation: [{ type: 'web', quantity: 1, size: 'eco' }], addOns: [] });
  const heroku = await FakeHeroku.start({ world });
  try {
    const { code, stdout } = await runCliCaptured(['migrate', 'heroku', '--json'], {
      HEROKU_API_TOKEN: heroku.token,
      HEROKU_API_URL: heroku.url,
    });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // The Eco fee once for the account; each app's web on AWS for the whole month.
    expect(json.current.monthly).toBe('5.00');
    const rule = (json.assumptions as string[]).find((line) => line.startsWith('Eco dynos (web) on AWS'));
    expect(rule).toContain('these 3 Eco dynos, 2,190 instance-hours a month');
    expect(rule).toContain('so Heroku runs these 3 Eco dynos at most 1,000 of the 2,190 hours priced on AWS');
  } finally {
    await heroku.close();
  }
});
