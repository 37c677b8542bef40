import { type Money, usd } from '../money';
import { shown } from './input-text';
import { fail } from './parse-failure';
import { LIMITS } from './vocabulary';

export function readReview(token: string, value: string): number {
  if (!/^[+-]?\d+(\.\d+)?$/.test(value)) {
    fail(
      `${shown(token)}: \`review=\` takes how many review apps run at a time, as a whole number, e.g. \`review=3\`.`,
    );
  }
  const n = Number(value);
  if (n < 0) fail(`${shown(token)}: review apps can't be negative; use \`review=0\` for none, or e.g. \`review=3\`.`);
  if (!Number.isInteger(n)) fail(`${shown(token)}: review apps are counted in whole numbers, e.g. \`review=3\`.`);
  if (n > LIMITS.reviewApps)
    fail(`${shown(token)}: at most ${LIMITS.reviewApps} review apps at a time, e.g. \`review=10\`.`);
  return n;
}

export function readOpsRate(token: string, value: string): Money {
  const m = /^\$?([+-]?\d+(?:\.\d+)?)(?:\/h|\/hr|\/hour)?$/.exec(value);
  if (!m) fail(`${shown(token)}: \`ops-rate=\` takes US dollars per hour as a number, e.g. \`ops-rate=120\`.`);
  const n = Number(m[1]);
  if (n <= 0) fail(`${shown(token)}: the ops hourly rate must be more than $0, e.g. \`ops-rate=120\`.`);
  if (n > LIMITS.opsRate) {
    fail(
      `${shown(token)}: ${n < 1e12 ? `$${n.toLocaleString('en-US')}/h` : 'that'} is beyond the $${LIMITS.opsRate.toLocaleString('en-US')}/h this estimator takes for ops time, e.g. \`ops-rate=150\`.`,
    );
  }
  return usd(m[1].replace(/^\+/, ''));
}

const TO_GB: Record<string, number> = {
  '': 1,
  g: 1,
  gb: 1,
  gib: 1,
  t: 1024,
  tb: 1024,
  tib: 1024,
  m: 1 / 1024,
  mb: 1 / 1024,
  mib: 1 / 1024,
};

export function readAmount(
  token: string,
  setting: 'egress' | 'logs' | 'storage',
  value: string,
  limitGb: number,
): number {
  const m = /^([+-]?\d+(?:\.\d+)?)(gb|g|gib|tb|t|tib|mb|m|mib)?(?:\/mo|\/month)?$/.exec(value);
  const what = setting === 'storage' ? 'database storage' : `${setting} a month`;
  if (!m)
    fail(
      `${shown(token)}: \`${setting}=\` takes an amount of data (${what}), e.g. \`${setting}=500gb\` or \`${setting}=2tb\`.`,
    );
  const gb = Number(m[1]) * TO_GB[m[2] ?? ''];
  if (gb < 0) fail(`${shown(token)}: ${what} can't be negative, e.g. \`${setting}=500gb\`.`);
  if (setting === 'storage' && gb === 0)
    fail(`${shown(token)}: database storage must be more than 0, e.g. \`storage=100gb\`.`);
  if (gb > limitGb)
    fail(`${shown(token)}: at most ${limitGb.toLocaleString('en-US')} GB of ${what}, e.g. \`${setting}=500gb\`.`);
  return Number(gb.toFixed(3));
}
