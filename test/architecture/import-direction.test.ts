import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Imports run one way: `slack | cli → answers → sources | store → core`, and `jobs` reaches Slack
 * only through the poster it is given. This reads every import, `export … from`, `require()` and
 * `import()` under src/ (type-only imports count too: they tie the folders together just the same)
 * and lists every arrow that runs the wrong way.
 */

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');

interface Arrow {
  from: string;
  to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `src/jobs/digest-runner.ts`, with forward slashes on every system. */
const shown = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

/** Every module a file names, as the compiler's own pre-processor finds them. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((imported) => imported.fileName);
}

/** Project-relative arrows only: `../slack/leads` → `src/slack/leads`; packages and `node:` are kept as named. */
function arrowsOf(file: string): Arrow[] {
  return importsOf(file).map((name) => {
    if (!name.startsWith('.')) return { from: shown(file), to: name };
    return { from: shown(file), to: shown(path.resolve(path.dirname(file), name)) };
  });
}

const ALL_ARROWS = sourceFiles(SRC).flatMap(arrowsOf);

/** `src/slack/leads` is in `slack`; `src/services` in `services`. */
const folderOf = (target: string) =>
  target.startsWith('src/') ? target.split('/')[1]!.replace(/\.ts$/, '') : undefined;

const NODE_IO = /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|worker_threads|cluster)$/;

interface Rule {
  name: string;
  applies: (arrow: Arrow) => boolean;
  wrong: (arrow: Arrow) => boolean;
}

const RULES: Rule[] = [
  {
    name: 'src/core imports nothing outside src/core (and does no I/O)',
    applies: (arrow) => folderOf(arrow.from) === 'core',
    wrong: (arrow) => (folderOf(arrow.to) !== undefined && folderOf(arrow.to) !== 'core') || NODE_IO.test(arrow.to),
  },
  ...(['jobs', 'answers', 'sources', 'store', 'cli', 'charts'] as const).map((folder) => ({
    name: `src/${folder} never imports src/slack`,
    applies: (arrow: Arrow) => folderOf(arrow.from) === folder,
    wrong: (arrow: Arrow) => folderOf(arrow.to) === 'slack',
  })),
  ...(['answers', 'sources', 'store', 'charts'] as const).map((folder) => ({
    name: `src/${folder} never imports src/jobs (jobs run answers, not the other way)`,
    applies: (arrow: Arrow) => folderOf(arrow.from) === folder,
    wrong: (arrow: Arrow) => folderOf(arrow.to) === 'jobs',
  })),
  {
    name: 'only the top level (src/cli.ts) imports src/cli',
    applies: (arrow) => folderOf(arrow.from) !== 'cli' && arrow.from.split('/').length > 2,
    wrong: (arrow) => folderOf(arrow.to) === 'cli',
  },
  {
    name: 'src/store imports only src/core (and src/loop-turns, which imports nothing)',
    applies: (arrow) => folderOf(arrow.from) === 'store',
    wrong: (arrow) =>
      folderOf(arrow.to) !== undefined && !['store', 'core', 'loop-turns'].includes(folderOf(arrow.to)!),
  },
  {
    name: 'src/loop-turns imports nothing from src (any layer may use it)',
    applies: (arrow) => folderOf(arrow.from) === 'loop-turns',
    wrong: (arrow) => folderOf(arrow.to) !== undefined,
  },
  {
    name: 'src/stop-signals imports nothing from src (the child processes load it before anything else)',
    applies: (arrow) => folderOf(arrow.from) === 'stop-signals',
    wrong: (arrow) => folderOf(arrow.to) !== undefined,
  },
  {
    name: 'src/sources never imports src/answers',
    applies: (arrow) => folderOf(arrow.from) === 'sources',
    wrong: (arrow) => folderOf(arrow.to) === 'answers',
  },
];

describe('imports run one way', () => {
  test('the reader finds the arrows that do exist (so an empty result below means something)', () => {
    const slackToAnswers = ALL_ARROWS.filter(
      (arrow) => folderOf(arrow.from) === 'slack' && folderOf(arrow.to) === 'answers',
    );
    expect(slackToAnswers.length).toBeGreaterThan(10);
    // Type-only imports and require() are read too.
    expect(ALL_ARROWS).toContainEqual({ from: 'src/cli/run-cli.ts', to: 'src/cli/estimate-command' });
    expect(ALL_ARROWS.filter((arrow) => folderOf(arrow.from) === 'core').length).toBeGreaterThan(100);
  });

  test.each(RULES.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    const offending = ALL_ARROWS.filter((arrow) => rule.applies(arrow) && rule.wrong(arrow)).map(
      (arrow) => `${arrow.from} → ${arrow.to}`,
    );
    expect(offending).toEqual([]);
  });
});

describe("the bot's child processes", () => {
  // Node ends a process on SIGTERM until a handler is in place; a dyno's restart signals every process.
  test.each(['src/digest-process.ts', 'src/cost-explorer-process.ts', 'src/charts/chart-worker.ts'])(
    '%s loads src/stop-signals before anything else',
    (entry) => {
      expect(arrowsOf(path.join(ROOT, entry))[0]).toEqual({ from: entry, to: 'src/stop-signals' });
    },
  );
});
