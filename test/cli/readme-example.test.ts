import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';

const README = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

/** The lines of the README's example block: each must be a line the CLI prints today. */
function exampleLines(): string[] {
  const start = README.indexOf('Example (`npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0`');
  const block = /```\n([\s\S]*?)\n```/.exec(README.slice(start))![1];
  return block.split('\n').filter((line) => line.trim() !== '' && line.trim() !== '…');
}

describe('the README', () => {
  test('shows the estimate example exactly as `hosting-advisor estimate` prints it', async () => {
    const out: string[] = [];
    const code = await runCli(
      ['estimate', 'web=2xstandard-2x', 'postgres=standard-0'],
      {},
      {
        out: (text) => out.push(text),
        err: () => {},
      },
    );
    expect(code).toBe(0);
    const printed = new Set(out.join('\n').split('\n'));
    const lines = exampleLines();
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) expect([line, printed.has(line)]).toEqual([line, true]);
  });

  test("the worked example's figures are the ones the CLI prints", async () => {
    const out: string[] = [];
    await runCli(
      ['estimate', 'web=2xstandard-2x', 'postgres=standard-0'],
      {},
      { out: (t) => out.push(t), err: () => {} },
    );
    const printed = out.join('\n');
    const worked = README.slice(README.indexOf('**Worked example**'), README.indexOf('## Migrating a whole account'));
    for (const figure of [
      '$150.00',
      '$60.74',
      '$116.07',
      '$7.36',
      '$16.43',
      '$5.84',
      '$65.70',
      '$14.60',
      '$305.14',
      '$35.32',
      '$279.72',
      '$155.14',
      '$955.14',
    ])
      expect([figure, worked.includes(figure), printed.includes(figure)]).toEqual([figure, true, true]);
  });
});
