import { runCliCaptured } from '../support/run-cli';

/**
 * The consolidated tier says "small caches sharing one node", yet each review copy kept a cache node of its
 * own there (`ElastiCache cache.t4g.micro × 2`): the copies' caches now share one node, within the review
 * environment only, and the tier's total is its lines.
 */
async function estimate(...words: string[]) {
  const { code, stdout, stderr } = await runCliCaptured(['estimate', ...words]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

/** The lines of one tier's environment, from its `  review` heading to the next heading. */
function environmentOf(text: string, tier: string, environment: string): string[] {
  const section = text.slice(text.indexOf(`, ${tier} tier (modelled)`));
  const lines = section.split('\n');
  const start = lines.indexOf(`  ${environment}`);
  const end = lines.findIndex((line, i) => i > start && /^ {2}\S/.test(line));
  return lines.slice(start + 1, end);
}

const cents = (text: string) => Math.round(Number(text.replace(/[$,]/g, '')) * 100);

test('`review=2`: in the consolidated tier the two review copies share one cache node, and the tier foots', async () => {
  const out = await estimate('web=2xstandard-2x', 'postgres=standard-0', 'redis=premium-0', 'staging', 'review=2');
  expect(out).toContain('small caches sharing one node');
  const review = environmentOf(out, 'consolidated', 'review');
  expect(review).toContain(
    '    ElastiCache cache.t4g.micro shared by the caches of 2 review apps: 730 × $0.016/hour = $11.68/mo, estimated [8]',
  );
  expect(review.join('\n')).not.toContain('ElastiCache cache.t4g.micro × 2');
  // Not across environments: production keeps its primary and replica, staging its own node.
  expect(environmentOf(out, 'consolidated', 'production')).toContain(
    '    ElastiCache cache.t4g.micro × 2 (primary and replica): 1,460 × $0.016/hour = $23.36/mo, estimated [8]',
  );
  expect(environmentOf(out, 'consolidated', 'staging')).toContain(
    '    ElastiCache cache.t4g.micro: 730 × $0.016/hour = $11.68/mo, estimated [8]',
  );
  // Like-for-like keeps a node per copy; optimised shares one on Valkey.
  expect(environmentOf(out, 'like-for-like', 'review').join('\n')).toContain('ElastiCache cache.t4g.micro × 2: ');
  expect(environmentOf(out, 'optimised', 'review').join('\n')).toContain(
    'ElastiCache for Valkey cache.t4g.micro shared by the caches of 2 review apps: 730 × $0.0128/hour = $9.34/mo',
  );
  // $584.34 with a node per copy, less one cache.t4g.micro's $11.68.
  expect(out).toContain(
    'AWS (modelled): $512.47/mo to $584.34/mo infrastructure across three tiers (like-for-like $584.34/mo, consolidated $572.66/mo, optimised $512.47/mo)',
  );
  const consolidated = out.slice(out.indexOf(', consolidated tier (modelled)'), out.indexOf(', optimised tier'));
  const shown = [...consolidated.matchAll(/^ {4}.* = (\$[\d,]+\.\d\d)\/mo/gm)].reduce((sum, m) => sum + cents(m[1]), 0);
  expect(consolidated).toContain('  Infrastructure: $572.66/mo, estimated');
  expect(shown).toBe(57266);
  expect(out).toContain(
    'and one t3.small per process with db.t4g.micro and cache.t4g.micro (in the consolidated tiers one node shared by them all) on AWS',
  );
});

test('`review=50`: fifty 25 MB caches share one node large enough for all of them', async () => {
  const out = await estimate('web=2xstandard-2x', 'redis=premium-0', 'review=50');
  expect(environmentOf(out, 'consolidated', 'review')).toContain(
    '    ElastiCache cache.t4g.small shared by the caches of 50 review apps: 730 × $0.032/hour = $23.36/mo, estimated [6]',
  );
});

test('an AWS workload is priced as it runs: its review copies keep a node each, and no tier words say otherwise', async () => {
  const out = await estimate('aws', 'web=2xm5.large', 'cache=cache.t4g.small', 'review=2');
  expect(out).toContain('    ElastiCache cache.t4g.micro × 2: 1,460 × $0.016/hour = $23.36/mo');
  expect(out).not.toContain('shared by them all');
});
