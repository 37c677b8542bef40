import { FakeHeroku, HerokuWorld } from '../support/fake-heroku';
import { runCliCaptured } from '../support/run-cli';

/**
 * An app of Eco or Basic dynos on AWS: its own instances in a public subnet, each with its public
 * address, and no load balancer or NAT gateway (Heroku runs these dynos one to a process type, so
 * there is nothing to balance; a NAT gateway is for instances in private subnets). Before, a $5 Eco
 * app was priced at $98.05/mo on AWS with an ALB, a NAT gateway and three addresses.
 */

/** The lines of one section of the estimate text, from its heading to the next blank line. */
function section(out: string, heading: string): string {
  const start = out.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = out.indexOf('\n\n', start);
  return out.slice(start, end < 0 ? undefined : end);
}

const LIKE_FOR_LIKE = 'AWS (us-east-1), like-for-like tier (modelled)';
const CONSOLIDATED = 'AWS (us-east-1), consolidated tier (modelled)';
const RULE_START = 'An app that runs only Eco or Basic dynos';
/** Any line of a load balancer or NAT gateway, in any tier. */
const NO_LOAD_BALANCER_OR_NAT = /^ {4}(Application Load Balancer|ALB capacity|NAT gateway)/m;

async function estimate(...words: string[]) {
  const { code, stdout, stderr } = await runCliCaptured(['estimate', ...words]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

test('`estimate web=1xeco`: one instance with its own address, logs and egress, no load balancer or NAT gateway', async () => {
  const out = await estimate('web=1xeco');
  expect(out).toContain(
    'AWS (modelled): $23.35/mo to $29.70/mo infrastructure across three tiers (like-for-like $29.70/mo, consolidated $29.70/mo, optimised $23.35/mo); Heroku as it runs: $5.00/mo.',
  );
  const aws = section(out, LIKE_FOR_LIKE).split('\n').slice(2);
  expect(aws).toEqual([
    '  production',
    '    web: 1 × t3.small: 730 × $0.0208/hour = $15.18/mo, estimated [2]',
    '    EBS gp3 root volumes (1 instance × 20 GB): 20 × $0.08/GB-month = $1.60/mo, estimated [3]',
    "    Public IPv4 address (1: the instance's own, in a public subnet): 730 × $0.005/address-hour = $3.65/mo, estimated [4]",
    // One Eco dyno logs 0.5 GB a month (docs/decisions.md, "Log volume follows what runs"), not 10 GB.
    '    CloudWatch Logs ingestion (0.5 GB): 0.5 × $0.50/GB = $0.25/mo, estimated [3]',
    '    CloudWatch Logs storage (1 month kept): 0.5 × $0.03/GB-month = $0.02/mo, estimated [3]',
    '    Data transfer out to the internet (first 10 TB: 100 GB): 100 × $0.09/GB = $9.00/mo, estimated [5]',
    '  Infrastructure: $29.70/mo, estimated',
    '  Ops (TCO): $1,000.00/mo, estimated (10 h per environment × 1 environment × $100.00/h)',
    '  Total with ops: $1,029.70/mo, estimated',
  ]);
  // The priced lines add up to the infrastructure shown under them.
  const priced = aws.filter((line) => line.startsWith('    '));
  const shown = priced.map((line) => Math.round(Number(/= \$([\d,.]+)\/mo/.exec(line)![1]!.replace(/,/g, '')) * 100));
  expect(shown.reduce((sum, c) => sum + c, 0)).toBe(2970);
  // No tier prices a load balancer or a NAT gateway.
  expect(out).not.toMatch(NO_LOAD_BALANCER_OR_NAT);
  // The answer says why, with its sources, and what it adds instead.
  const rule = out.split('\n').find((line) => line.startsWith(`  - ${RULE_START}`));
  expect(rule).toContain('(Heroku Dev Center, Dyno Types)');
  expect(rule).toContain('(Amazon VPC User Guide, NAT gateways)');
  expect(rule).toContain('terminates TLS itself');
  expect(rule).toContain("a web instance's is an Elastic IP address");
  expect(out).not.toContain('On Fargate, a web process in a public subnet');
  expect(out).toContain(
    "  - On AWS the estimate adds what Heroku includes: no load balancer and no NAT gateway, as the app runs in a public subnet (the rule follows), a public IPv4 address for each instance or task ($0.005/hour each since February 2024), a 20 GB gp3 root volume per EC2 instance, CloudWatch Logs for 0.5 GB a month kept 1 month, data transfer out for 100 GB a month of egress (AWS's free 100 GB a month is one per account, across all its services and Regions, so it is not subtracted: an account already in use spends it).",
  );
});

test('`estimate web=1xeco fargate`: the web task keeps a load balancer (its own address changes with every task), still no NAT gateway', async () => {
  const out = await estimate('web=1xeco', 'fargate');
  expect(out).toContain(
    'AWS (modelled): $48.26/mo to $51.50/mo infrastructure across three tiers (like-for-like $51.50/mo, consolidated $51.50/mo, optimised $48.26/mo); Heroku as it runs: $5.00/mo.',
  );
  const aws = section(out, LIKE_FOR_LIKE).split('\n').slice(2);
  expect(aws).toEqual([
    '  production',
    '    web: 1 × Fargate task (0.25 vCPU, 0.5 GB): vCPU: 182.5 × $0.04048/vCPU-hour = $7.39/mo, estimated [2]',
    '    web: 1 × Fargate task (0.25 vCPU, 0.5 GB): memory: 365 × $0.004445/GB-hour = $1.62/mo, estimated [2]',
    "    Public IPv4 address (1: the task's own, in a public subnet): 730 × $0.005/address-hour = $3.65/mo, estimated [3]",
    '    Application Load Balancer: 730 × $0.0225/hour = $16.43/mo, estimated [4]',
    '    ALB capacity (1 LCU average): 730 × $0.008/LCU-hour = $5.84/mo, estimated [4]',
    "    Public IPv4 addresses (2: the load balancer's): 1,460 × $0.005/address-hour = $7.30/mo, estimated [3]",
    '    CloudWatch Logs ingestion (0.5 GB): 0.5 × $0.50/GB = $0.25/mo, estimated [4]',
    '    CloudWatch Logs storage (1 month kept): 0.5 × $0.03/GB-month = $0.02/mo, estimated [4]',
    '    Data transfer out to the internet (first 10 TB: 100 GB): 100 × $0.09/GB = $9.00/mo, estimated [5]',
    '  Infrastructure: $51.50/mo, estimated',
    '  Ops (TCO): $1,000.00/mo, estimated (10 h per environment × 1 environment × $100.00/h)',
    '  Total with ops: $1,051.50/mo, estimated',
  ]);
  expect(out).not.toMatch(/^ {4}NAT gateway/m);
  // The answer says why, with AWS's own documents.
  const rule = out.split('\n').find((line) => line.startsWith('  - On Fargate, a web process in a public subnet'));
  expect(rule).toContain('(Amazon ECS Developer Guide, task networking for Fargate;');
  expect(rule).toContain('cannot take an Elastic IP address');
  expect(out).toContain(
    '  - On AWS the estimate adds what Heroku includes: no NAT gateway, as the app runs in a public subnet, but an Application Load Balancer in front of its web task',
  );
  // A Fargate task has no EBS root volume to add (its ephemeral storage comes with the task).
  expect(out).not.toContain('root volume');
});

test('`estimate web=2xstandard-2x fargate`: the production layout on Fargate adds no root volumes, in its lines or its words', async () => {
  const out = await estimate('web=2xstandard-2x', 'fargate');
  expect(out).not.toMatch(/EBS|root volume/);
  expect(out).toContain(
    "and NAT gateway ($0.005/hour each since February 2024), CloudWatch Logs for 10 GB a month kept 1 month, data transfer out for 100 GB a month of egress (AWS's free 100 GB a month is one per account, across all its services and Regions, so it is not subtracted: an account already in use spends it).",
  );
});

test('`estimate worker=1xbasic fargate`: a worker needs no address anyone reaches, so no load balancer', async () => {
  const out = await estimate('worker=1xbasic', 'fargate');
  expect(section(out, LIKE_FOR_LIKE)).toContain('  Infrastructure: $12.93/mo, estimated');
  expect(out).not.toMatch(NO_LOAD_BALANCER_OR_NAT);
  expect(out).not.toContain('On Fargate, a web process in a public subnet');
});

test('`estimate web=1xbasic worker=1xbasic`: each process its own instance and address, in one zone in every tier', async () => {
  const out = await estimate('web=1xbasic', 'worker=1xbasic');
  const like = section(out, LIKE_FOR_LIKE);
  expect(like).toContain('    web: 1 × t3.small: 730 × $0.0208/hour = $15.18/mo');
  expect(like).toContain('    worker: 1 × t3.small: 730 × $0.0208/hour = $15.18/mo');
  expect(like).toContain(
    '    Public IPv4 addresses (2: one for each instance, in a public subnet): 1,460 × $0.005/address-hour = $7.30/mo',
  );
  expect(like).toContain('  Infrastructure: $50.39/mo, estimated');
  expect(out).not.toMatch(NO_LOAD_BALANCER_OR_NAT);
  // Packing two Basic processes onto one instance stays in one zone: no spare instance for a second.
  expect(section(out, CONSOLIDATED)).not.toContain('spare, for a second Availability Zone');
});

test('`estimate web=1xbasic postgres=essential-0`: the database in a private subnet needs no NAT gateway', async () => {
  const out = await estimate('web=1xbasic', 'postgres=essential-0');
  const like = section(out, LIKE_FOR_LIKE);
  expect(like).toContain('    RDS PostgreSQL db.t4g.micro Single-AZ: 730 × $0.016/hour = $11.68/mo');
  expect(like).toContain("    Public IPv4 address (1: the instance's own, in a public subnet)");
  expect(like).toContain('  Infrastructure: $43.68/mo, estimated');
  expect(out).not.toMatch(NO_LOAD_BALANCER_OR_NAT);
  expect(out).toContain('Its database and cache stay in private subnets, which need no NAT gateway.');
});

test('standard dynos keep the production layout: `estimate web=2xstandard-2x` is as before', async () => {
  const out = await estimate('web=2xstandard-2x');
  const like = section(out, LIKE_FOR_LIKE);
  expect(like).toContain('    Application Load Balancer: 730 × $0.0225/hour = $16.43/mo');
  expect(like).toContain('    NAT gateway × 2 (one per Availability Zone): 1,460 × $0.045/hour = $65.70/mo');
  expect(like).toContain(
    "    Public IPv4 addresses (4: the load balancer's and NAT gateways'): 2,920 × $0.005/address-hour = $14.60/mo",
  );
  expect(like).toContain('  Infrastructure: $181.71/mo, estimated');
  expect(out).not.toContain(RULE_START);
});

test('one Standard dyno beside a Basic one keeps the production layout for the app', async () => {
  const out = await estimate('web=1xbasic', 'worker=1xstandard-1x');
  const like = section(out, LIKE_FOR_LIKE);
  expect(like).toContain('    Application Load Balancer: 730 × $0.0225/hour = $16.43/mo');
  expect(like).toContain('    NAT gateway × 2 (one per Availability Zone)');
  expect(like).not.toMatch(/^ {4}Public IPv4 address.*in a public subnet/m);
  expect(out).not.toContain(RULE_START);
});

test('review apps run Basic dynos: each in a public subnet, while production keeps its load balancer and NAT gateways', async () => {
  const out = await estimate('web=1xstandard-1x', 'review=2');
  const like = section(out, LIKE_FOR_LIKE);
  const review = like.slice(like.indexOf('\n  review\n'));
  expect(review).toContain(
    '    Public IPv4 addresses (2: one for each instance, in a public subnet): 1,460 × $0.005/address-hour = $7.30/mo',
  );
  expect(review).not.toMatch(/Load Balancer|NAT gateway/);
  const production = like.slice(0, like.indexOf('\n  review\n'));
  expect(production).toContain('    NAT gateway × 2 (one per Availability Zone)');
  expect(out).toContain(
    'Review apps (2): each runs one Basic dyno per process on Heroku, and one t3.small per process on AWS, each in a public subnet with an address of its own, and no load balancer or NAT gateway;',
  );
});

test('`migrate heroku` of hobby and production apps: shared infrastructure once, for the apps that use it', async () => {
  const world = new HerokuWorld({ seed: 5 });
  world.addApp('blog', { formation: [{ type: 'web', quantity: 1, size: 'eco' }], addOns: [] });
  world.addApp('notes', {
    formation: [
      { type: 'web', quantity: 1, size: 'basic' },
      { type: 'worker', quantity: 1, size: 'basic' },
    ],
    addOns: [{ service: 'heroku-postgresql', plan: 'essential-0', cents: 500 }],
  });
  world.addApp('shop', { formation: [{ type: 'web', quantity: 2, size: 'standard-2X' }], addOns: [] });
  const heroku = await FakeHeroku.start({ world });
  try {
    const { code, stdout } = await runCliCaptured(['migrate', 'heroku', '--json'], {
      HEROKU_API_TOKEN: heroku.token,
      HEROKU_API_URL: heroku.url,
    });
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    const [like] = json.tiers;
    const items = like.lines.map((l: { item: string; monthly: string }) => `${l.item}: ${l.monthly}`);
    // One load balancer with shop's one host rule, NAT gateways for shop's two zones, each counted once;
    // the hobby apps' addresses are their own lines.
    expect(items.filter((i: string) => /Load Balancer|ALB|NAT gateway|Public IPv4/.test(i))).toEqual([
      "blog: Public IPv4 address (1: the instance's own, in a public subnet): 3.65",
      'notes: Public IPv4 addresses (2: one for each instance, in a public subnet): 7.30',
      'Application Load Balancer: 16.43',
      'ALB capacity (1 LCU average): 5.84',
      'NAT gateway × 2 (one per Availability Zone): 65.70',
      'NAT gateway data processed (20 GB): 0.90',
      "Public IPv4 addresses (4: the load balancer's and NAT gateways'): 14.60",
    ]);
    // Logs for all three apps, once, by what each runs: blog's Eco dyno 0.5 GB, notes' two Basic dynos 1 GB,
    // shop's two Standard-2X dynos 10 GB (the flat rule gave each app 10 GB: 30 GB).
    expect(items).toContain('CloudWatch Logs ingestion (11.5 GB): 5.75');
    const units = Object.fromEntries(
      json.units.map((u: { name: string; likeForLike: string }) => [u.name, u.likeForLike]),
    );
    // blog: t3.small $15.18 + its address $3.65, as it would cost alone.
    expect(units).toEqual({ blog: '18.83', notes: '51.64', shop: '60.74' });
    // The tier foots: its lines add up to its total, to the cent.
    const cents = like.lines.reduce(
      (sum: number, l: { monthly: string }) => sum + Math.round(Number(l.monthly) * 100),
      0,
    );
    expect(cents).toBe(Math.round(Number(like.monthly) * 100));
    const note = (json.assumptions as string[]).find((a) => a.startsWith('2 apps run only Eco or Basic dynos'));
    expect(note).toContain('(blog, notes), so on AWS they have no share of a load balancer or NAT gateway');
  } finally {
    await heroku.close();
  }
});
