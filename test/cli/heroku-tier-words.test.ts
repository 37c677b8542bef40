import { runCliCaptured } from '../support/run-cli';

/**
 * An AWS workload modelled on Heroku with `hipaa` or `pci` runs on Shield or Private dynos: the tiers'
 * words said "One Standard or Performance dyno per instance" above lines of Shield-L-RAM dynos.
 */
async function estimate(...words: string[]) {
  const { code, stdout, stderr } = await runCliCaptured(['estimate', 'aws', ...words]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return stdout;
}

test.each([
  ['hipaa', 'Shield-L-RAM'],
  ['pci', 'Private-L-RAM'],
])('`estimate aws web=2xm5.large %s`: the tiers name the dyno family the lines show', async (need, dyno) => {
  const out = await estimate('web=2xm5.large', need);
  expect(out).toContain(`    web: ${dyno} dyno: 2 × `);
  expect(out).not.toContain('Standard or Performance dyno per instance');
  expect(out).toContain(
    'Like-for-like: One dyno per instance (Standard or Performance; Shield or Private where `hipaa` or `pci` needs them);',
  );
  expect(out).toContain('Fir-generation dyno sizes allowed where no Shield or Private dyno is needed');
});
