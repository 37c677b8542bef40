import { runCliCaptured as run } from '../support/run-cli';

/** The command line after "For example: npx hosting-advisor", split as a shell would (no quoting used). */
function exampleIn(message: string): string[] {
  const [, example] = /For example: npx hosting-advisor (.*)$/m.exec(message) ?? [];
  expect(example).toBeDefined();
  return example.split(' ');
}

describe('options in a terminal', () => {
  test.each([
    [['estimate', 'web=2xstandard-2x', '--verbose'], 'Unknown option "--verbose". Options: --json.'],
    [['estimate', 'web=2xstandard-2x', '--json=yes'], '--json takes no value.'],
    [['compliance', 'hipaa', '-x'], 'Unknown option "-x". Options: --format md|csv|json|text.'],
    [['spend', '--csv'], 'Unknown option "--csv". Options: --json.'],
    [['migrate', '--csv'], 'Unknown option "--csv". Options: --json.'],
    [['parity', '--csv'], 'Unknown option "--csv". Options: --json.'],
    [['prices', '--all'], 'Unknown option "--all". Options: --json.'],
    [['digest', '--dry-run', '--post'], 'Unknown option "--post". Options: --dry-run, --timezone ZONE.'],
  ])('%j exits 2 (a usage error), says what is wrong and gives an example', async (argv, reason) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(reason);
    expect(stderr).toMatch(new RegExp(`For example: npx hosting-advisor ${argv[0]} `));
  });

  test.each([
    ['estimate', ['estimate', '--verbose']],
    ['compliance', ['compliance', 'hipaa', '--format', 'pdf']],
  ])('the example %s gives after a mistake works as written', async (_, argv) => {
    const mistake = await run(argv);
    expect(mistake.code).toBe(2);
    const example = await run(exampleIn(mistake.stderr));
    expect(example.stderr).toBe('');
    expect(example.code).toBe(0);
    expect(example.stdout).not.toBe('');
  });

  test('short and inline forms: `-f md` and `-fmd` are `--format md`; `--json` anywhere', async () => {
    const long = await run(['compliance', 'pci', 'aws', '--format', 'md']);
    expect(long.code).toBe(0);
    expect(long.stdout).toMatch(/^# /);
    expect((await run(['compliance', 'pci', '-f', 'md', 'aws'])).stdout).toBe(long.stdout);
    expect((await run(['compliance', 'pci', 'aws', '-fmd'])).stdout).toBe(long.stdout);
    const json = await run(['estimate', '--json', 'web=1xstandard-1x']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).heroku.infrastructureMonthly).toBe('25.00');
  });

  test('--json gives the dates of the sources its lines were priced from, as the text does', async () => {
    const text = await run(['estimate', 'web=2xstandard-2x', 'postgres=standard-0']);
    expect(text.stdout).toContain('prices from the sources listed, dated 2024-02-01 to 2026-10-02.');
    const json = JSON.parse((await run(['estimate', '--json', 'web=2xstandard-2x', 'postgres=standard-0'])).stdout);
    // Not the catalog's newest date (priceListDate, 2026-12-05), which no line here was priced from.
    expect(json.priceDates).toEqual({ oldest: '2024-02-01', newest: '2026-10-02' });
  });

  test('`--` ends the options: what follows is read as words', async () => {
    const { code, stderr } = await run(['estimate', '--', '--json']);
    expect(code).toBe(2);
    expect(stderr).not.toContain('Unknown option');
    expect(stderr).toContain('--json');
  });
});

describe('help for one command', () => {
  test.each(['estimate', 'compliance', 'spend', 'parity', 'migrate', 'digest', 'prices'])(
    '`%s --help`, `-h` and `help <command>` print its usage and examples on stdout and exit 0',
    async (name) => {
      for (const argv of [
        [name, '--help'],
        [name, '-h'],
        ['help', name],
        [name, 'aws', '--help'],
      ]) {
        const { code, stdout, stderr } = await run(argv);
        expect({ argv, code, stderr }).toEqual({ argv, code: 0, stderr: '' });
        expect(stdout).toMatch(new RegExp(`^Usage: hosting-advisor ${name} `));
        expect(stdout).toMatch(new RegExp(`^  npx hosting-advisor ${name}\\b`, 'm'));
        // One command's help, not the whole list.
        expect(stdout).not.toContain('Commands:');
        // What it answers stands on its own line as a sentence: "Price a workload …", not "price a workload …".
        expect(stdout.split('\n')[2]).toMatch(/^[A-Z].*\.$/);
      }
    },
  );

  test('`--help` after `--` is a word, and the whole list says how to get one command’s help', async () => {
    expect((await run(['estimate', '--', '--help'])).code).toBe(2);
    expect((await run(['--help'])).stdout).toContain('hosting-advisor <command> --help');
  });
});
