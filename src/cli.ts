#!/usr/bin/env node
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

type RunCliModule = typeof import('./cli/run-cli');

/**
 * The CLI as `npm run build` bundles it with esbuild: ./cli/run-cli and everything of ours it imports,
 * and decimal.js, in one file (the other packages stay in node_modules). Node then finds, reads and
 * compiles one module instead of 67. The commands run-cli requires lazily are still run only when
 * asked for, so `estimate` loads no AWS SDK, heroku-client, zod or database driver.
 */
export const CLI_BUNDLE = path.join(__dirname, 'cli-bundle.js');

/**
 * V8's code cache of the bundle, which the build writes after running a few commands through it
 * (./cli/write-code-cache), so it holds every function those compiled, not only the top level: V8
 * reads them instead of parsing and compiling the bundle. V8 refuses a cache made by another Node
 * version or with other V8 flags; the bundle is then compiled as usual (slower, the same answers).
 */
export const CLI_CODE_CACHE = path.join(__dirname, 'cli-bundle.cache');

/** The arguments Node gives a CommonJS module's code, in its order. */
const MODULE_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname'];

/**
 * The cache, when it was written after the bundle and is whole. V8 checks only the source's length
 * against it, so a bundle rebuilt (or edited) after its cache was written must not get it (its
 * functions could be another build's); and a release build of V8 checks no checksum, so a damaged
 * cache would crash it: the build writes the cache's SHA-256 before it (`withChecksum`): ~3 ms of an
 * estimate's ~47 (a CRC-32 cost more, loading zlib).
 */
function codeCacheOf(bundle: fs.Stats): Buffer | undefined {
  try {
    if (fs.statSync(CLI_CODE_CACHE).mtimeMs < bundle.mtimeMs) return undefined;
    const file = fs.readFileSync(CLI_CODE_CACHE);
    const cache = file.subarray(DIGEST_BYTES);
    return file.length > DIGEST_BYTES && sha256(cache).equals(file.subarray(0, DIGEST_BYTES)) ? cache : undefined;
  } catch {
    return undefined;
  }
}

const DIGEST_BYTES = 32;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

/** The cache as the build writes it: its SHA-256, then the cache. */
export function withChecksum(cache: Buffer): Buffer {
  return Buffer.concat([sha256(cache), cache]);
}

/**
 * The bundle run as a CommonJS module would be, from its code cache when asked and there is a usable
 * one (`cacheUsed`); the script is returned too, for the build to write its cache. Undefined when there
 * is no bundle (a build by `tsc` alone).
 */
export function loadCliBundle(withCodeCache = true):
  | {
      runCli: RunCliModule['runCli'];
      unexpectedErrorText: RunCliModule['unexpectedErrorText'];
      EXIT_CODE: RunCliModule['EXIT_CODE'];
      script: vm.Script;
      cacheUsed: boolean;
    }
  | undefined {
  let source: string;
  let bundle: fs.Stats;
  try {
    bundle = fs.statSync(CLI_BUNDLE);
    source = fs.readFileSync(CLI_BUNDLE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const cachedData = withCodeCache ? codeCacheOf(bundle) : undefined;
  const script = new vm.Script(`(function (${MODULE_PARAMETERS.join(', ')}) {${source}\n})`, {
    filename: CLI_BUNDLE,
    cachedData,
  });
  const module = { exports: {} as RunCliModule };
  script.runInThisContext()(module.exports, createRequire(CLI_BUNDLE), module, CLI_BUNDLE, __dirname);
  return {
    runCli: module.exports.runCli,
    unexpectedErrorText: module.exports.unexpectedErrorText,
    EXIT_CODE: module.exports.EXIT_CODE,
    script,
    cacheUsed: cachedData !== undefined && script.cachedDataRejected === false,
  };
}

function main(): void {
  // A build by tsc alone has no bundle: the modules tsc wrote run instead, as they did before it.
  const { runCli, unexpectedErrorText, EXIT_CODE } = loadCliBundle() ?? (require('./cli/run-cli') as RunCliModule);
  // The last resort, for a rejection the command did not expect and for an error thrown outside it
  // (a driver's event): one friendly line, redacted, never Node's stack print, and the exit code of a
  // command that understood but could not answer, from the same table as every command's.
  const lastResort = (error: unknown) => {
    process.stderr.write(`${unexpectedErrorText(error, process.env)}\n`);
    process.exitCode = EXIT_CODE.failed;
  };
  process.on('uncaughtException', (error) => {
    lastResort(error);
    process.exit();
  });
  process.on('unhandledRejection', (error) => {
    lastResort(error);
    process.exit();
  });
  runCli(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  }, lastResort);
}

if (require.main === module) main();
