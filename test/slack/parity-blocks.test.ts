/**
 * `/hosting parity` Block Kit within Slack's limits whatever the account: many pipelines fall back to
 * one verdict line each (and say how to see one in full); long differences are clipped. Pure.
 */

import { compareAllPipelines, digestParityLine, type ParityApp, type ParityPipelineInput } from '../../src/core/parity';
import { DEFAULT_CATALOG } from '../../src/core/pricing';
import type { ParityReportAnswer } from '../../src/slack/listeners/commands/parity-blocks';
import { parityBlocks, parityMessage } from '../../src/slack/listeners/commands/parity-blocks';
import { MAX_MESSAGE_BLOCKS } from '../../src/slack/message';
import { capture } from '../support/capture';

const app = (name: string, stack: string, vars: string[]): ParityApp => ({
  name,
  stack,
  region: 'us',
  space: null,
  buildpacks: ['heroku/nodejs'],
  processes: [{ type: 'web', quantity: 2, size: 'standard-2x' }],
  addOns: [],
  configVarNames: vars,
});

function pipeline(name: string, vars = 1): ParityPipelineInput {
  const names = Array.from({ length: vars }, (_, i) => `FEATURE_FLAG_NUMBER_${i}`);
  return {
    id: `id-${name}`,
    name,
    staging: [app(`${name}-staging`, 'heroku-22', names)],
    production: [app(`${name}-production`, 'heroku-24', [])],
    unreadable: [],
  };
}

function answer(inputs: ParityPipelineInput[]): ParityReportAnswer {
  return {
    kind: 'report',
    report: compareAllPipelines(inputs, DEFAULT_CATALOG),
    pipelines: inputs.map((input) => input.name),
    freshness: 'Heroku Platform API as of 2026-11-23 09:00 UTC',
  };
}

type Shown = { text?: { text: string }; elements?: { text?: string }[] };
const texts = (blocks: ReturnType<typeof parityBlocks>) =>
  (blocks as Shown[]).map((block) => block.text?.text ?? (block.elements ?? []).map((e) => e.text ?? '').join(' '));

test('a few pipelines: every difference shown', () => {
  const blocks = parityBlocks(answer([pipeline('api'), pipeline('web')]));
  expect(
    texts(blocks)
      .join('\n')
      .match(/\*Risk\* · stack/g),
  ).toHaveLength(2);
});

test('forty pipelines: one verdict line each, under 50 blocks, and how to see one in full', () => {
  const many = Array.from({ length: 40 }, (_, i) => pipeline(`app-${String(i).padStart(2, '0')}`));
  const message = parityMessage(answer(many), false);
  capture('parity-many', message);
  const blocks = message.blocks!;
  expect(blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
  const shown = texts(blocks).join('\n');
  expect(shown).not.toContain('*Risk* ·');
  expect(texts(blocks)[1]).toBe(
    '*40 of 40 pipelines have risks*: app-00 (2), app-01 (2), app-02 (2), app-03 (2), app-04 (2) and 35 more.',
  );
  for (const input of many) expect(shown).toContain(`*${input.name}* :warning: *2 risks*`);
  expect(shown).toContain('`/hosting parity NAME` shows the differences of one');
  for (const text of texts(blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  expect(message.text.length).toBeLessThanOrEqual(3900);
});

test('a pipeline with hundreds of config var names: its section is clipped to Slack’s limit', () => {
  const blocks = parityBlocks(answer([pipeline('huge', 400)]));
  const longest = Math.max(...texts(blocks).map((text) => text.length));
  expect(longest).toBeGreaterThan(2000);
  expect(longest).toBeLessThanOrEqual(3000);
});

test('a production Shield Postgres without a list price: the verdict and the digest line call its total a lower bound', () => {
  const staging = app('pay-staging', 'heroku-24', []);
  const production: ParityApp = {
    ...app('pay', 'heroku-24', []),
    addOns: [
      {
        service: 'heroku-postgresql',
        plan: 'shield-0',
        billedMonthlyCents: null,
        billedOn: '2026-12-07',
        contract: true,
        configVars: [],
      },
    ],
  };
  const report = answer([{ id: 'id-pay', name: 'pay', staging: [staging], production: [production], unreadable: [] }]);
  const verdict =
    '*pay* :warning: *1 risk* · staging costs 100.0% of production, counting only the items priced ($100.00 of ≥ $100.00 a month at list prices; not counted: 1 production item without a public price)';
  expect(texts(parityBlocks(report))).toContain(verdict);
  expect(digestParityLine(report.report.pipelines[0])).toBe(
    'pay: 1 risk (add-ons); staging costs 100.0% of production, counting only the items priced ($100.00 of ≥ $100.00 a month at list prices; not counted: 1 production item without a public price)',
  );
});

test('an add-on Heroku bills by usage is named for what it lacks, a monthly price, beside a contract-priced one', () => {
  const addOn = (service: string, contract: boolean) => ({
    service,
    plan: 'usage',
    billedMonthlyCents: null,
    billedOn: '2026-12-07',
    contract,
    configVars: [],
  });
  const staging: ParityApp = { ...app('pay-staging', 'heroku-24', []), addOns: [addOn('metered-search', false)] };
  const production: ParityApp = {
    ...app('pay', 'heroku-24', []),
    addOns: [addOn('metered-search', false), addOn('enterprise-search', true)],
  };
  const report = answer([{ id: 'id-pay', name: 'pay', staging: [staging], production: [production], unreadable: [] }]);
  const shown = texts(parityBlocks(report)).join('\n');
  expect(shown).toContain(
    'not counted: 1 staging item without a monthly price, 1 production item without a public price and 1 production item without a monthly price)',
  );
  capture('parity-kinds', parityMessage(report, false));
});

test('production scaled to 0: the verdict gives both amounts and no share, not "$25.00 of $0.00"', () => {
  const staging = app('idle-staging', 'heroku-24', []);
  const production: ParityApp = {
    ...app('idle', 'heroku-24', []),
    processes: [{ type: 'web', quantity: 0, size: 'standard-2x' }],
  };
  const report = answer([
    { id: 'id-idle', name: 'idle', staging: [staging], production: [production], unreadable: [] },
  ]);
  expect(texts(parityBlocks(report))).toContain(
    '*idle* :warning: *1 risk* · staging costs $100.00 a month and production $0.00 at list prices, so there is no share to give',
  );
});

/** Slack has refused messages of about 13,000 characters of block text (msg_blocks_too_long). */
const SLACK_TEXT_LIMIT = 12_000;
const shownLength = (blocks: ReturnType<typeof parityBlocks>) => texts(blocks).join('').length;

test('one pipeline of 40 apps in Shield and Private Spaces: a line per staging app, within what Slack accepts', () => {
  const staging = Array.from({ length: 20 }, (_, i) => app(`part${i}-stg`, 'heroku-22', []));
  const production = Array.from({ length: 20 }, (_, i) => ({
    ...app(`part${i}`, 'heroku-24', []),
    space: { name: 'acme-shield', shield: true },
    processes: [{ type: 'web', quantity: 2, size: 'shield-m' }],
    addOns: [
      {
        service: 'heroku-postgresql',
        plan: 'shield-0',
        billedMonthlyCents: null,
        billedOn: '2026-12-07',
        contract: true,
        configVars: [],
      },
    ],
  }));
  const message = parityMessage(
    answer([{ id: 'id-mono', name: 'monolith', staging, production, unreadable: [] }]),
    false,
  );
  capture('parity-one-large', message);
  const blocks = message.blocks!;
  expect(blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
  expect(shownLength(blocks)).toBeLessThan(SLACK_TEXT_LIMIT);
  const shown = texts(blocks).join('\n');
  for (let i = 0; i < 20; i++) expect(shown).toContain(`_part${i}-stg against part${i}_: `);
  expect(shown).toContain(
    '_part0-stg against part0_: 4 risks (stack, space, dyno classes, add-ons); removing the risks +$980.00/mo, plus what is not priced',
  );
  expect(shown).toContain('`npx hosting-advisor parity monolith` in a terminal prints each difference with why');
});

test('three hundred pipelines: the verdicts that fit, the rest named, within what Slack accepts', () => {
  const many = Array.from({ length: 300 }, (_, i) => pipeline(`service-number-${String(i).padStart(3, '0')}`));
  const blocks = parityBlocks(answer(many));
  expect(blocks.length).toBeLessThanOrEqual(MAX_MESSAGE_BLOCKS);
  expect(shownLength(blocks)).toBeLessThan(SLACK_TEXT_LIMIT);
  expect(texts(blocks).join('\n')).toMatch(/… and \d+ more pipelines: service-number-\d+, .* and \d+ more\./);
});
