// The modules themselves, not the model's index: an estimate does not load the fleet and migration models.
import { FARGATE_TASK_SIZES } from '../model/choose-aws';
import { awsFargateProcess, awsInstanceProcess, herokuProcess } from '../model/workload-builders';
import {
  type Catalog,
  closestMatch,
  findCacheNode,
  findDyno,
  findKeyValuePlan,
  findPostgresPlan,
  findRdsClass,
} from '../pricing';
import type { Platform, ProcessType } from '../workload';
import { shown } from './input-text';
import { fail } from './parse-failure';
import {
  canonicalDynoSize,
  canonicalInstanceType,
  canonicalKeyValuePlan,
  canonicalPostgresPlan,
  LEGACY_DYNOS,
  parseFargateSize,
} from './size-names';
import { DYNO_SIZES_TEXT, LIMITS, SETTINGS } from './vocabulary';

/** What a process may be called (lower case; names are read lower-cased). */
export const PROCESS_NAME = /^[a-z][a-z0-9_-]{0,29}$/;

/** One `NAME=COUNTxSIZE` process, checked against the processes read so far. */
export function readProcess(
  token: string,
  name: string,
  value: string,
  platform: Platform,
  existing: readonly ProcessType[],
  catalog: Catalog,
): ProcessType {
  if (!PROCESS_NAME.test(name)) {
    fail(
      `${shown(`${name}=`)} is not a process name: use up to 30 letters, digits, - and _, starting with a letter, e.g. \`web=2xstandard-2x\`.`,
    );
  }
  if (existing.some((p) => p.name === name)) {
    fail(
      `${shown(token)}: the process \`${name}\` is given twice; give each process type once, with its count, e.g. \`${name}=3xstandard-2x\`.`,
    );
  }
  if (existing.length >= LIMITS.processTypes) {
    fail(
      `More than ${LIMITS.processTypes} process types: describe the main ones, e.g. \`web=2xstandard-2x worker=1xstandard-2x\`.`,
    );
  }
  const { count, size, sizeName } = splitCount(token, name, value, platform, catalog);
  return platform === 'aws'
    ? awsSize(token, name, count, size, catalog)
    : herokuSize(token, name, count, size, catalog, sizeName);
}

/**
 * Whether the value is a size the catalog prices: for Heroku, the dyno size it names (`std-2x` →
 * `standard-2x`), so it is read once; for AWS, the value.
 */
function knownSize(value: string, platform: Platform, catalog: Catalog): string | undefined {
  if (platform === 'heroku') {
    const size = canonicalDynoSize(value);
    return findDyno(catalog, size) ? size : undefined;
  }
  const type = canonicalInstanceType(value);
  return (type !== undefined && catalogHasInstance(catalog, type)) || parseFargateSize(value) !== undefined
    ? value
    : undefined;
}

function splitCount(
  token: string,
  name: string,
  value: string,
  platform: Platform,
  catalog: Catalog,
): { count: number; size: string; sizeName?: string } {
  const exampleSize = platform === 'aws' ? 'm5.large' : 'standard-2x';
  const known = knownSize(value, platform, catalog);
  if (known !== undefined) return { count: 1, size: value, sizeName: known };
  const m = /^([+-]?\d+(?:\.\d+)?)x(.*)$/.exec(value);
  const number = m ? m[1] : /^[+-]?\d+(?:\.\d+)?$/.test(value) ? value : undefined;
  if (number === undefined) return { count: 1, size: value };
  const count = Number(number);
  const knownAfter = m?.[2] ? knownSize(m[2], platform, catalog) : undefined;
  const size = knownAfter !== undefined ? m![2] : exampleSize;
  if (count < 0) fail(`${shown(token)}: a count can't be negative; say how many run, e.g. \`${name}=2x${size}\`.`);
  if (count === 0)
    fail(
      `${shown(token)}: 0 dynos or instances; leave \`${name}\` out to run none, or give at least 1, e.g. \`${name}=1x${size}\`.`,
    );
  if (!Number.isInteger(count)) fail(`${shown(token)}: counts are whole numbers, e.g. \`${name}=2x${size}\`.`);
  if (count > LIMITS.count) {
    fail(
      `${shown(token)}: ${Number.isSafeInteger(count) ? count : 'that'} is more than this estimator takes for one process type (at most ${LIMITS.count}), e.g. \`${name}=${LIMITS.count}x${size}\`.`,
    );
  }
  if (!m?.[2]) {
    fail(`${shown(token)} gives a count but no size: write COUNTxSIZE, e.g. \`${name}=${count}x${exampleSize}\`.`);
  }
  return { count, size: m[2], sizeName: knownAfter };
}

/** `sizeName`: the dyno size `raw` names, when the catalog is known to price it. */
function herokuSize(
  token: string,
  name: string,
  count: number,
  raw: string,
  catalog: Catalog,
  sizeName?: string,
): ProcessType {
  const size = sizeName ?? canonicalDynoSize(raw);
  const process = herokuProcess(catalog, name, count, size);
  if (process) {
    if (size === 'basic' && count > 1) {
      fail(
        `${shown(token)}: Basic dynos run one per process type; for ${count}, use Standard, e.g. \`${name}=${count}xstandard-1x\`.`,
      );
    }
    return process;
  }
  if (LEGACY_DYNOS[size]) fail(`${shown(token)}: ${LEGACY_DYNOS[size]}, e.g. \`${name}=${count}xbasic\`.`);
  if (parseFargateSize(raw) || canonicalInstanceType(raw)) {
    fail(
      `${shown(raw)} is an AWS size, but this estimate describes Heroku. Start with \`aws\` to describe AWS, e.g. \`aws ${name}=${count}x${raw.slice(0, 30)}\`.`,
    );
  }
  if (findPostgresPlan(catalog, canonicalPostgresPlan(raw))) {
    fail(`${shown(raw)} is a Heroku Postgres plan, not a dyno size: write \`postgres=${raw.slice(0, 30)}\`.`);
  }
  if (findKeyValuePlan(catalog, canonicalKeyValuePlan(raw))) {
    fail(`${shown(raw)} is a Key-Value Store plan, not a dyno size: write \`redis=${raw.slice(0, 30)}\`.`);
  }
  // Only a near-certain typo of a setting (postgress=) is worth suggesting; `web` is not `db`. Looked
  // up only here, once the size is known to be wrong: every process name would otherwise pay for it.
  const nearSetting = name.length >= 4 ? closestMatch(name, Object.keys(SETTINGS)) : undefined;
  if (nearSetting && count === 1 && !/^\d/.test(raw))
    fail(`${shown(token)}: did you mean \`${nearSetting}=${raw.slice(0, 30)}\`?`);
  const guess = closestMatch(
    size,
    catalog.dynos.map((d) => d.size),
  );
  fail(
    `${shown(token)}: there is no Heroku dyno size ${shown(raw)}.${guess ? ` Did you mean \`${guess}\`?` : ''} Sizes: ${DYNO_SIZES_TEXT}. Example: \`${name}=2xstandard-2x\`.`,
  );
}

function awsSize(token: string, name: string, count: number, raw: string, catalog: Catalog): ProcessType {
  const fargate = parseFargateSize(raw);
  if (fargate === 'fargate')
    fail(`${shown(token)}: say the Fargate task size, e.g. \`${name}=${count}xfargate-1vcpu-2gb\`.`);
  if (fargate) {
    const valid = FARGATE_TASK_SIZES.some((t) => t.vcpu === fargate.vcpu && t.memoryGb === fargate.memoryGb);
    if (!valid) {
      const options = FARGATE_TASK_SIZES.filter((t) => t.vcpu === fargate.vcpu).map((t) => t.memoryGb);
      fail(
        options.length > 0
          ? `${shown(token)}: Fargate has no ${fargate.vcpu} vCPU task with ${fargate.memoryGb} GB; with ${fargate.vcpu} vCPU choose ${options[0]} to ${options[options.length - 1]} GB, e.g. \`${name}=${count}xfargate-${fargate.vcpu}vcpu-${options[0]}gb\`.`
          : `${shown(token)}: Fargate tasks have 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU, e.g. \`${name}=${count}xfargate-1vcpu-2gb\`.`,
      );
    }
    return awsFargateProcess(name, count, fargate.vcpu, fargate.memoryGb);
  }
  const type = canonicalInstanceType(raw);
  if (type) {
    const process = awsInstanceProcess(catalog, name, count, type);
    if (process) return process;
    const family = type.split('.')[0];
    const sizes = catalog.ec2Instances.filter((i) => i.family === family).map((i) => i.type.split('.')[1]);
    if (sizes.length > 0) {
      fail(
        `${shown(type)} is not in the price list; ${family} sizes priced: ${sizes.join(', ')}. Example: \`aws ${name}=${count}x${family}.${sizes.includes('large') ? 'large' : sizes[0]}\`.`,
      );
    }
  }
  if (findDyno(catalog, canonicalDynoSize(raw)) || LEGACY_DYNOS[raw]) {
    fail(
      `${shown(raw)} is a Heroku dyno size, but this estimate starts with \`aws\`. Use an EC2 type, e.g. \`aws ${name}=${count}xm5.large\`, or drop \`aws\` to describe Heroku.`,
    );
  }
  const families = [...new Set(catalog.ec2Instances.map((i) => i.family))].join(', ');
  const guess = closestMatch(
    type ?? raw,
    catalog.ec2Instances.map((i) => i.type),
  );
  fail(
    `${shown(token)}: ${shown(raw)} is not an EC2 instance type I know.${guess ? ` Did you mean \`${guess}\`?` : ''} Families: ${families}; or a Fargate task like fargate-1vcpu-2gb. Example: \`aws ${name}=2xm5.large\`.`,
  );
}

/** For a bare value that is clearly a size or plan, the setting it belongs in. */
export function nameFor(token: string, catalog: Catalog): string | undefined {
  const sized = /^(\d+)x(.+)$/.exec(token);
  const size = sized ? sized[2] : token;
  if (findDyno(catalog, canonicalDynoSize(size))) return `web=${token}`;
  const fargate = parseFargateSize(size);
  if (fargate && fargate !== 'fargate') return `web=${token}`;
  if (token.startsWith('db.') && findRdsClass(catalog, token)) return `rds=${token}`;
  if (token.startsWith('cache.') && findCacheNode(catalog, token)) return `cache=${token}`;
  const instance = canonicalInstanceType(size);
  if (instance && catalogHasInstance(catalog, instance)) return `web=${token}`;
  if (findPostgresPlan(catalog, canonicalPostgresPlan(token))) return `postgres=${token}`;
  if (findKeyValuePlan(catalog, canonicalKeyValuePlan(token))) return `redis=${token}`;
  return undefined;
}

const catalogHasInstance = (catalog: Catalog, type: string) => catalog.ec2Instances.some((i) => i.type === type);
