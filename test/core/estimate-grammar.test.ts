import fc from 'fast-check';
import { type EstimateRequest, type ParseResult, parseEstimate } from '../../src/core/estimate';
import { DEFAULT_CATALOG } from '../../src/core/pricing';

const parse = (text: string): ParseResult => parseEstimate(text, DEFAULT_CATALOG);

function workload(text: string) {
  const result = parse(text);
  if (!result.ok) throw new Error(`"${text}" did not parse: ${result.message}`);
  return (result.request as Extract<EstimateRequest, { kind: 'workload' }>).workload;
}

function refusal(text: string): string {
  const result = parse(text);
  if (result.ok) throw new Error(`expected "${text.slice(0, 60)}" to be refused`);
  return result.message;
}

describe('the estimate grammar: canonical forms', () => {
  it('reads a Heroku workload', () => {
    const w = workload('web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0');
    expect(w.origin).toBe('heroku');
    expect(w.processes.map((p) => [p.name, p.count, p.size, p.memoryGb, p.dedicated])).toEqual([
      ['web', 2, 'standard-2x', 1, false],
      ['worker', 1, 'performance-m', 2.5, true],
    ]);
    expect(w.database).toEqual({ plan: 'standard-0', memoryGb: 4, storageGb: 64, highAvailability: false });
    expect(w.cache).toEqual({ plan: 'premium-0', memoryGb: 0.05, highAvailability: true });
    expect(w.environments).toEqual({ staging: false, reviewApps: 0 });
    expect(w.egressGbPerMonth).toBe(100);
    // By what runs: 3 Standard-or-larger dynos × 5 GB (docs/decisions.md, "Log volume follows what runs").
    expect(w.logGbPerMonth).toBe(15);
  });

  it('reads an AWS workload', () => {
    const w = workload('aws web=2xm5.large worker=1xc6i.xlarge rds=db.m6g.large multi-az cache=cache.t4g.small');
    expect(w.origin).toBe('aws');
    expect(w.processes.map((p) => [p.name, p.count, p.size, p.memoryGb, p.vcpu])).toEqual([
      ['web', 2, 'm5.large', 8, 2],
      ['worker', 1, 'c6i.xlarge', 8, 4],
    ]);
    // No `storage=`: RDS's smallest allocation, 20 GB, marked as assumed so the answer can say so.
    expect(w.database).toEqual({
      plan: 'db.m6g.large',
      memoryGb: 8,
      storageGb: 20,
      highAvailability: true,
      storageAssumed: true,
    });
    expect(w.cache).toEqual({ plan: 'cache.t4g.small', memoryGb: 1.37 });
  });

  it('reads the flags and settings', () => {
    const result = parse('web=1xstandard-1x staging review=3 hipaa pci ops-rate=120 share egress=2tb logs=20gb');
    if (!result.ok || result.request.kind !== 'workload') throw new Error('expected a workload');
    const { workload: w, share, opsRate, options } = result.request;
    expect(w.environments).toEqual({ staging: true, reviewApps: 3 });
    expect(w.compliance).toEqual(['hipaa', 'pci']);
    expect([w.egressGbPerMonth, w.logGbPerMonth]).toEqual([2048, 20]);
    expect(share).toBe(true);
    expect(opsRate?.toString()).toBe('120');
    expect(options.opsRate?.toString()).toBe('120');
  });

  it('forgives size and plan spellings, ×, commas, spaces and upper case', () => {
    const sizes = (text: string) => workload(text).processes.map((p) => `${p.count}x${p.size}`);
    expect(sizes('web=2×Standard-2X, worker=1xSTD-1X')).toEqual(['2xstandard-2x', '1xstandard-1x']);
    expect(sizes('web = 2 x 2X worker=perf-m clock=pl')).toEqual([
      '2xstandard-2x',
      '1xperformance-m',
      '1xperformance-l',
    ]);
    expect(sizes('web=3xperformance_l_ram worker=1xshield-lram')).toEqual(['3xperformance-l-ram', '1xshield-l-ram']);
    expect(sizes('aws web=2xM5.Large worker=1xfargate-0.5vcpu-1gb')).toEqual(['2xm5.large', '1xfargate-0.5vcpu-1gb']);
    expect(workload('web=1x1x pg=std-0').database?.plan).toBe('standard-0');
    expect(workload('web=1x1x postgres=heroku-postgresql:premium-2').database?.plan).toBe('premium-2');
    expect(workload('web=1x1x kv=heroku-redis:prem-1').cache?.plan).toBe('premium-1');
    expect(workload('aws web=1xm5.large rds=m6g.large cache=t4g.micro').database?.plan).toBe('db.m6g.large');
  });

  it('takes database storage for both platforms', () => {
    expect(workload('web=1x1x postgres=standard-0 storage=40gb').database?.storageGb).toBe(40);
    expect(workload('aws web=1xm5.large rds=db.t3.large storage=500gb').database?.storageGb).toBe(500);
  });

  it('passes fargate and arm as AWS modelling options for a Heroku workload', () => {
    const result = parse('web=2xstandard-2x fargate arm');
    expect(result.ok && result.request.kind === 'workload' && result.request.options).toEqual({
      awsCompute: 'fargate',
      awsArchitecture: 'any',
    });
  });

  it('reads app=NAME and an empty text as the form', () => {
    expect(parse('app=acme-api share')).toEqual({ ok: true, request: { kind: 'app', app: 'acme-api', share: true } });
    expect(parse('   ')).toEqual({ ok: true, request: { kind: 'form' } });
  });
});

describe('the estimate grammar: what it refuses, and how it says so', () => {
  it.each([
    [
      'an unknown dyno size',
      'web=2xstandard-3x',
      /no Heroku dyno size `standard-3x`\. Did you mean `standard-\dx`\? Sizes: eco, basic/,
    ],
    ['a misspelt performance size', 'web=1xpreformance-m', /Did you mean `performance-m`\?/],
    ['a zero count', 'web=0xstandard-2x', /0 dynos or instances; leave `web` out to run none.*`web=1xstandard-2x`/],
    ['a negative count', 'web=-2xstandard-2x', /a count can't be negative.*`web=2xstandard-2x`/],
    ['a fractional count', 'web=1.5xstandard-2x', /counts are whole numbers/],
    [
      'an absurd count',
      'web=500xstandard-2x',
      /500 is more than this estimator takes for one process type \(at most 100\)/,
    ],
    ['an empty value', 'web=', /`web=` has no value: give COUNTxSIZE, e.g. `web=2xstandard-2x`/],
    ['a count without a size', 'web=3', /gives a count but no size: write COUNTxSIZE, e.g. `web=3xstandard-2x`/],
    ['a missing name', '=2xstandard-2x', /has nothing before "=": name the process/],
    ['a missing =', '2xstandard-2x', /needs a name and "=": write `web=2xstandard-2x`/],
    ['a process name without =', 'web 2xstandard-2x', /`web` needs "=" and a size: write `web=2xstandard-2x`/],
    ['two = in a row', 'web==2x', /has more than one "="/],
    ['a duplicate process', 'web=2xstandard-2x web=1xstandard-1x', /the process `web` is given twice/],
    ['an unknown flag', 'web=1xstandard-2x stagin', /I don't know `stagin`\. Did you mean `staging`\?/],
    [
      'a flag given a value',
      'web=1xstandard-2x staging=true',
      /`staging` is a flag, not a setting; write it on its own, e\.g\. `web=2xstandard-2x staging`\.$/,
    ],
    // After `aws …`, the example keeps the platform typed, so it can be copied as it is.
    [
      'a flag given a value in an AWS estimate',
      'aws web=2xm5.large staging=yes',
      /`staging` is a flag, not a setting; write it on its own, e\.g\. `aws web=2xm5\.large staging`\.$/,
    ],
    [
      'an unknown word in an AWS estimate',
      'aws web=2xm5.large hippa',
      /I don't know `hippa`\. Did you mean `hipaa`\?.*Example: `aws web=2xm5\.large staging review=2`\.$/,
    ],
    // The example is one the flag belongs in: multi-az is an RDS flag, so the example has an RDS class, not
    // a Heroku dyno (it read "e.g. `web=1xstandard-1x multi-az`" after an `aws … rds=…` the user typed).
    [
      'multi-az given a value',
      'aws web=2xm5.large rds=db.m6g.large multi-az=yes',
      /`multi-az` is a flag, not a setting; write it on its own, e\.g\. `aws web=2xm5\.large rds=db\.m6g\.large multi-az`\.$/,
    ],
    ['negative review apps', 'web=1xstandard-2x review=-1', /review apps can't be negative; use `review=0` for none/],
    ['review apps that are not a number', 'web=1xstandard-2x review=abc', /takes how many review apps run at a time/],
    ['too many review apps', 'web=1xstandard-2x review=99', /at most 50 review apps/],
    [
      'an ops rate that is not a number',
      'web=1xstandard-2x ops-rate=abc',
      /takes US dollars per hour as a number, e.g. `ops-rate=120`/,
    ],
    ['a zero ops rate', 'web=1xstandard-2x ops-rate=0', /must be more than \$0/],
    ['an absurd ops rate', 'web=1xstandard-2x ops-rate=50000', /\$50,000\/h is beyond the \$1,000\/h/],
    ['an egress that is not an amount', 'web=1xstandard-2x egress=lots', /takes an amount of data.*`egress=500gb`/],
    ['an AWS size without aws', 'web=2xm5.large', /`m5\.large` is an AWS size.*`aws web=2xm5\.large`/],
    [
      'a Heroku size with aws',
      'aws web=2xstandard-2x',
      /`standard-2x` is a Heroku dyno size, but this estimate starts with `aws`/,
    ],
    ['both platforms', 'aws heroku web=1xm5.large', /Choose one platform/],
    ['app= with processes', 'app=acme-api web=2xstandard-2x', /can't be combined with processes/],
    ['app= with other options', 'app=acme-api staging', /`staging` can't be added to it \(only `share`\)/],
    ['app= with aws', 'app=acme-api aws', /reads a live Heroku app: drop `aws`/],
    ['a bad app name', 'app=Acme_API', /Heroku app names are 2 to 30 lower-case letters/],
    ['Basic dynos scaled out', 'web=2xbasic', /Basic dynos run one per process type; for 2, use Standard/],
    ['a retired dyno type', 'web=1xhobby', /Hobby dynos were replaced by Basic/],
    ['an unknown Postgres plan', 'web=1x1x postgres=standard-11', /no Heroku Postgres plan `standard-11`/],
    ['a retired Postgres plan', 'web=1x1x postgres=hobby-dev', /hobby-dev was retired; the nearest is `essential-0`/],
    [
      'an unknown Key-Value plan',
      'web=1x1x redis=premium-99',
      /no Key-Value Store plan `premium-99`\. Did you mean `premium-9`\?/,
    ],
    ['rds= on Heroku', 'web=1x1x rds=db.m6g.large', /`rds=` describes an AWS database/],
    [
      'a Heroku plan on AWS',
      'aws web=1xm5.large postgres=standard-0',
      /Heroku Postgres plan, but this estimate starts with `aws`/,
    ],
    [
      'an unknown RDS class',
      'aws web=1xm5.large rds=db.m5.huge',
      /not an RDS PostgreSQL class.*Did you mean `db\.m5\.large`\?/,
    ],
    ['an unknown cache node', 'aws web=1xm5.large cache=cache.x9.small', /not an ElastiCache node in the price list/],
    [
      'an instance size not priced',
      'aws web=1xm5.16xlarge',
      /`m5\.16xlarge` is not in the price list; m5 sizes priced: large, xlarge, 2xlarge, 4xlarge, 8xlarge/,
    ],
    [
      'an invalid Fargate size',
      'aws web=1xfargate-1vcpu-1gb',
      /Fargate has no 1 vCPU task with 1 GB; with 1 vCPU choose 2 to 8 GB/,
    ],
    ['multi-az on Heroku', 'web=1x1x postgres=standard-0 multi-az', /premium-\* plans are highly available/],
    ['multi-az without a database', 'aws web=1xm5.large multi-az', /needs a database to apply to/],
    ['a duplicate database', 'web=1x1x postgres=standard-0 pg=standard-2', /a database is given twice/],
    ['a duplicate setting', 'web=1x1x review=2 review=3', /`review=` is given twice/],
    ['storage without a database', 'web=1x1x storage=10gb', /`storage=` sizes the database: add one/],
    ['storage beyond the plan', 'web=1x1x postgres=standard-0 storage=100gb', /more than standard-0 holds \(64 GB\)/],
    [
      // RDS gp3 storage starts at 20 GB: 5 GB was priced as 20 GB without a word.
      'RDS storage below its minimum',
      'aws web=1xm5.large rds=db.m6g.large storage=5gb',
      /`storage=5gb`: RDS gp3 storage starts at 20 GB.*`rds=db\.m6g\.large storage=20gb`/,
    ],
    ['nothing to estimate', 'staging hipaa', /Nothing to estimate yet: add at least one process/],
    [
      'a misspelt setting',
      'web=1x1x postgress=standard-0',
      /`standard-0` is a Heroku Postgres plan, not a dyno size: write `postgres=standard-0`/,
    ],
    [
      'a misspelt setting name, read as a process',
      'web=2xstandard-2x regoin=eu-west-1',
      /`regoin=eu-west-1`: did you mean `region=eu-west-1`\?/,
    ],
    ['a lone number', '3', /`3` on its own: say what it counts/],
    ['non-ASCII junk', 'web=2xstandard-2x 💥', /I can't read the character "💥" \(U\+1F4A5\)/],
    ['a control character', 'web=2xstandard-2x\u0000', /I can't read the character \(U\+0000\)/],
  ])('%s', (_kind, text, expected) => {
    expect(refusal(text)).toMatch(expected);
  });

  it('names every RDS family it prices when it does not know a class, memory-optimised ones too', () => {
    // db.r5 is not priced; the list named t3, t4g, m5, m6g and m7g, so a memory-optimised database was
    // steered to a general-purpose class when db.r6g and db.r7g are there.
    const message = refusal('aws web=1xm5.large rds=db.r5.large');
    for (const family of ['db.t3', 'db.t4g', 'db.m5', 'db.m6g', 'db.m7g', 'db.r6g', 'db.r7g'])
      expect([family, message.includes(family)]).toEqual([family, true]);
  });

  it('refuses a 5,000-character text by its length without echoing it', () => {
    const text = `web=2xstandard-2x ${'x'.repeat(4982)}`;
    const message = refusal(text);
    expect(message).toMatch(/^That estimate is 5,000 characters long; the limit is 1,000\./);
    expect(message).not.toContain('xxxxxxxxxx');
  });

  it('lists every flag and setting the grammar takes when it does not know a word', () => {
    // README: staging, review=N, hipaa, pci, ops-rate=N, egress=, logs=, storage=, multi-az, fargate, arm.
    const message = refusal('web=2xstandard-2x graviton2');
    for (const word of [
      'staging',
      'review=N',
      'hipaa',
      'pci',
      'ops-rate=N',
      'egress=',
      'logs=',
      'storage=',
      'multi-az',
      'fargate',
      'arm',
      'region=',
    ])
      expect([word, message.includes(word)]).toEqual([word, true]);
  });

  it('shows a correct example in every refusal', () => {
    for (const text of [
      'web=2xstandard-3x',
      'web=',
      'web=1x1x review=-1',
      'aws web=2xstandard-2x',
      'web=1x1x stagin',
    ]) {
      expect(refusal(text)).toMatch(/e\.g\.|Example:|write `/);
    }
  });
});

describe('the estimate grammar: a flag given twice, or two that contradict', () => {
  // `staging staging` and `fargate ec2` were read without a word, the last one winning, where every
  // other command names a word it did not read.
  it.each([
    [
      'web=1xstandard-1x staging staging',
      'I did not read the second `staging`: give each flag once, e.g. `web=2xstandard-2x staging`.',
    ],
    [
      'web=1xstandard-1x hipaa hipaa',
      'I did not read the second `hipaa`: give each flag once, e.g. `web=2xstandard-2x hipaa`.',
    ],
    [
      'web=1xstandard-1x pci pci',
      'I did not read the second `pci`: give each flag once, e.g. `web=2xstandard-2x pci`.',
    ],
    [
      'web=1xstandard-1x share share',
      'I did not read the second `share`: give each flag once, e.g. `web=2xstandard-2x share`.',
    ],
    [
      'web=1xstandard-1x arm arm',
      'I did not read the second `arm`: give each flag once, e.g. `web=2xstandard-2x arm`.',
    ],
    [
      'web=1xstandard-1x fargate fargate',
      'I did not read the second `fargate`: give each flag once, e.g. `web=2xstandard-2x fargate`.',
    ],
    [
      'web=1xstandard-1x ec2 ec2',
      'I did not read the second `ec2`: give each flag once, e.g. `web=2xstandard-2x ec2`.',
    ],
    [
      'aws web=1xm5.large rds=db.m6g.large multi-az multi-az',
      'I did not read the second `multi-az`: give each flag once, e.g. `aws web=2xm5.large rds=db.m6g.large multi-az`.',
    ],
    ['aws aws web=1xm5.large', 'I did not read the second `aws`: name the platform once, e.g. `aws web=2xm5.large`.'],
    [
      'heroku web=1xstandard-1x heroku',
      'I did not read the second `heroku`: name the platform once, e.g. `heroku web=2xstandard-2x`.',
    ],
    // Two spellings of one flag.
    [
      'web=1xstandard-1x stage staging',
      'I did not read `staging` after `stage`: both mean `staging`; give it once, e.g. `web=2xstandard-2x staging`.',
    ],
    [
      'web=1xstandard-1x graviton arm64',
      'I did not read `arm64` after `graviton`: both mean `arm`; give it once, e.g. `web=2xstandard-2x arm`.',
    ],
    [
      'web=1xstandard-1x pci pci-dss',
      'I did not read `pci-dss` after `pci`: both mean `pci`; give it once, e.g. `web=2xstandard-2x pci`.',
    ],
  ])('`%s`', (text, said) => {
    expect(refusal(text)).toBe(said);
  });

  it('refuses fargate with ec2, in either order, naming both', () => {
    const said =
      'I did not read `ec2` after `fargate`: the AWS side runs on Fargate tasks (`fargate`) or EC2 instances (`ec2`), not both; choose one, e.g. `web=2xstandard-2x fargate` or `web=2xstandard-2x ec2`.';
    expect(refusal('web=1xstandard-1x fargate ec2')).toBe(said);
    expect(refusal('web=1xstandard-1x ec2 staging fargate')).toMatch(/^I did not read `fargate` after `ec2`: /);
  });

  it('still takes different flags together, and each flag once', () => {
    expect(workload('web=1xstandard-1x staging hipaa pci share ec2 arm').compliance).toEqual(['hipaa', 'pci']);
    expect(workload('aws web=1xm5.large rds=db.m6g.large multi-az ec2').database?.highAvailability).toBe(true);
  });

  it('gives an example that parses, for every flag given twice', () => {
    for (const flag of ['aws', 'heroku', 'staging', 'hipaa', 'pci', 'share', 'multi-az', 'fargate', 'ec2', 'arm']) {
      const [, example] = /e\.g\. `([^`]+)`/.exec(refusal(`web=1xstandard-1x ${flag} ${flag}`)) ?? [];
      expect([flag, example !== undefined && parse(example).ok]).toEqual([flag, true]);
    }
  });
});

describe('the estimate grammar: robustness', () => {
  const longPart = fc.stringMatching(/^[a-z0-9.]{51,200}$/);

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = parse(text);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });

  it('reads words typed plainly (split at their spaces) as it reads the same words spaced otherwise', () => {
    // A space before and a tab after take the general path, which trims them; the answer must not differ.
    const word = fc.constantFrom(
      'web=2xstandard-2x',
      'web=2',
      'web=',
      '=',
      '=2x',
      'x',
      'standard-2x',
      'worker=1xperformance-m',
      'postgres=standard-0',
      'redis=premium-0',
      'review=2',
      'staging',
      'logs=20',
      'egress=1.5',
      'gb',
      'tb',
      'aws',
      'rds=db.m6g.large',
      'storage=40',
      'share',
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(' ');
        expect(parse(text)).toEqual(parse(` ${text}\t`));
      }),
    );
  });

  it('never echoes more than 50 characters of what it was given', () => {
    const shapes = fc.oneof(
      longPart,
      longPart.map((s) => `web=${s}`),
      longPart.map((s) => `=${s}`),
      longPart.map((s) => `web=1x1x ops-rate=${s}`),
      longPart.map((s) => `web=1x1x egress=${s}`),
      longPart.map((s) => `web=2x${s}`),
      longPart.map((s) => `${s}=2xstandard-2x`),
      longPart.map((s) => `aws web=1x${s}`),
      longPart.map((s) => `web=1x1x postgres=${s}`),
      longPart.map((s) => `web=1x1x redis=${s}`),
      longPart.map((s) => `aws web=1xm5.large rds=${s}`),
      longPart.map((s) => `aws web=1xm5.large cache=${s}`),
      longPart.map((s) => `web=1x1x review=${s}`),
      longPart.map((s) => `app=${s}`),
      fc.stringMatching(/^[0-9]{51,120}$/).map((s) => `web=${s}xstandard-2x`),
      fc.stringMatching(/^[a-z]{51,120}$/).map((s) => `aws web=1x${s}5.large`),
    );
    fc.assert(
      fc.property(shapes, (text) => {
        const message = refusal(text);
        const input = text.toLowerCase();
        for (let i = 0; i + 51 <= input.length; i++) expect(message.includes(input.slice(i, i + 51))).toBe(false);
      }),
    );
  });
});

describe('the estimate grammar: `region=`', () => {
  it('names the AWS region to price, for a described workload and for a live app alike', () => {
    expect(parse('web=2xstandard-2x region=eu-west-1')).toMatchObject({
      ok: true,
      request: { kind: 'workload', region: 'eu-west-1' },
    });
    expect(parse('app=acme-api region=eu-west-1')).toEqual({
      ok: true,
      request: { kind: 'app', app: 'acme-api', share: false, region: 'eu-west-1' },
    });
    // Without it, the configured region is used: the request names none.
    expect(parse('web=2xstandard-2x')).toMatchObject({ ok: true, request: { kind: 'workload' } });
    expect((parse('web=2xstandard-2x') as { request: { region?: string } }).request.region).toBeUndefined();
  });

  it('refuses what is not a region code, and a second region', () => {
    expect(refusal('web=2xstandard-2x region=ireland')).toBe(
      '`region=ireland`: give an AWS region code, e.g. `region=eu-west-1` or `region=us-east-1` (the AWS side is priced there).',
    );
    expect(refusal('web=2xstandard-2x region=eu-west-1 region=us-east-1')).toMatch(/`region=` is given twice/);
    expect(refusal('web=2xstandard-2x region')).toMatch(/needs a value after "=", e\.g\. `region=eu-west-1`/);
  });
});

describe('the examples an AWS estimate is refused with can be copied as they are', () => {
  it.each(['staging=yes', 'hipaa=1', 'pci=on', 'share=true', 'multi-az=yes', 'hippa'])(
    'aws web=2xm5.large %s: the example it gives parses',
    (word) => {
      const refused = parse(`aws web=2xm5.large ${word}`);
      expect(refused.ok).toBe(false);
      const message = (refused as { message: string }).message;
      const example = /(?:e\.g\.|Example:) `([^`]+)`\.$/.exec(message)![1];
      expect(example.startsWith('aws ')).toBe(true);
      expect(parse(example).ok).toBe(true);
    },
  );
});
