import { listFrameworks } from '../../src/core/compliance';
import { type Harness, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Block = any;

/** Every text a block shows, as Slack would render it. */
function blockTexts(block: Block): string[] {
  if (block.type === 'section') return [block.text?.text ?? '', ...(block.fields ?? []).map((f: Block) => f.text)];
  if (block.type === 'header') return [block.text.text];
  if (block.type === 'context') return block.elements.map((e: Block) => e.text ?? '');
  if (block.type === 'actions') return block.elements.map((e: Block) => e.text.text);
  if (block.type === 'section') return [];
  return [];
}

/** Slack's documented limits, plus the ~13,200-character total seen to fail (both in docs/references.md#slack). */
function expectWithinSlackLimits(message: Block) {
  expect(message.text.length).toBeGreaterThan(20);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  let total = 0;
  for (const block of message.blocks) {
    if (block.type === 'section' && block.text) {
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
    if (block.type === 'header') {
      expect(block.text.type).toBe('plain_text');
      expect(block.text.text.length).toBeLessThanOrEqual(150);
    }
    if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(10);
    if (block.type === 'actions') {
      for (const element of block.elements) {
        expect(element.text.text.length).toBeLessThanOrEqual(75);
        expect(element.value.length).toBeLessThanOrEqual(2000);
      }
    }
    total += blockTexts(block).join('').length;
  }
  // Our budget, with room below the ~13,200 characters at which Slack refused a message.
  expect(total).toBeLessThanOrEqual(11_000);
}

function allText(message: Block): string {
  return message.blocks.flatMap(blockTexts).join('\n');
}

const ICON_STATUS: Record<string, string> = {
  ':x:': 'gap',
  ':warning:': 'to verify',
  ':white_check_mark:': 'met',
  ':heavy_minus_sign:': 'not applicable',
};

/** The status each control's line shows for a platform: `{ 'PHI runs only on eligible compute': 'gap' }`. */
function statuses(message: Block, platform: 'Heroku' | 'AWS'): Record<string, string> {
  const found: Record<string, string> = {};
  const platforms = message.blocks[2].fields.map((field: Block) => /^\*(\w+)\*/.exec(field.text)?.[1]);
  const groups = message.blocks.filter((block: Block) => block.accessory?.action_id === 'compliance_details');
  for (const line of groups.flatMap((block: Block) => block.text.text.split('\n').slice(1))) {
    const one = /^(:[a-z_]+:) (.+)$/.exec(line);
    if (one && platforms.length === 1 && platforms[0] === platform) found[one[2]] = ICON_STATUS[one[1]];
    const two = /^(.+) — (:[a-z_]+:) Heroku (:[a-z_]+:) AWS$/.exec(line);
    if (two) found[two[1]] = ICON_STATUS[platform === 'Heroku' ? two[2] : two[3]];
  }
  return found;
}

function exportButtons(message: Block) {
  const actions = message.blocks.find((block: Block) => block.type === 'actions');
  return actions?.elements ?? [];
}

const FRAMEWORKS = listFrameworks().map((framework) => framework.id);

describe('/hosting compliance', () => {
  const cases = FRAMEWORKS.flatMap((id) => [
    `${id}`,
    `${id} heroku`,
    `${id} aws`,
    `${id} web=2xstandard-2x worker=1xperformance-m postgres=standard-0 redis=premium-0`,
    `${id} aws web=2xm5.large worker=1xc6i.xlarge rds=db.m6g.large cache=cache.t4g.small`,
  ]);

  test.each(cases)('`%s` fits Slack’s limits, with a header, export buttons and a fallback', async (text) => {
    const res = await harness.command(`compliance ${text}`);
    expect(res.status).toBe(200);
    const message = res.body;
    expect(message.response_type).toBe('ephemeral');
    expectWithinSlackLimits(message);
    expect(message.blocks[0].type).toBe('header');
    expect(message.blocks[0].text.text).toMatch(/checklist$/);
    const buttons = exportButtons(message);
    expect(buttons.map((b: Block) => b.text.text)).toEqual(['Export Markdown', 'Export CSV']);
    expect(buttons[0].value).toBe(buttons[1].value);
    expect(buttons[0].value.startsWith(text.split(' ')[0])).toBe(true);
  });

  test('the general checklist: counts, where to start, one line per control under its group, Details per group', async () => {
    const { body } = await harness.command('compliance hipaa');
    capture('compliance-general', body);
    const hipaa = listFrameworks()[0];
    const text = allText(body);
    expect(body.blocks[2].fields.map((f: Block) => f.text)).toEqual([
      `*Controls*\n${hipaa.controls.length}`,
      '*Status*\nNot evaluated: add a workload to check it',
    ]);
    expect(text).toMatch(/^\*Start with\*\n1\. \*/m);
    const groups = body.blocks.filter((block: Block) => block.accessory?.action_id === 'compliance_details');
    expect(groups.map((block: Block) => block.text.text.split('\n')[0])).toEqual(hipaa.groups.map((g) => `*${g}*`));
    const lines = groups.flatMap((block: Block) => block.text.text.split('\n').slice(1));
    expect(lines).toEqual(hipaa.controls.map((control) => `• ${control.title}`));
    // The detail lives behind the Details button, not in the message.
    expect(text).not.toMatch(/How: |Evidence: /);
    expect(body.text).toContain('HIPAA Security Rule checklist');
  });

  test('a platform word shows only that platform', async () => {
    const { body } = await harness.command('compliance pci aws');
    const text = allText(body);
    expect(body.blocks[1].elements[0].text).toMatch(/ · AWS · /);
    expect(text).not.toContain('Heroku');
    expect(exportButtons(body)[0].value).toBe('pci aws');
  });

  test('HIPAA on web=2xstandard-2x postgres=standard-0 marks exactly the dyno and Postgres controls as gaps', async () => {
    const { body } = await harness.command('compliance hipaa web=2xstandard-2x postgres=standard-0');
    capture('compliance-workload', body);
    expectWithinSlackLimits(body);
    const heroku = statuses(body, 'Heroku');
    expect(Object.keys(heroku)).toHaveLength(listFrameworks()[0].controls.length);
    const gaps = Object.keys(heroku).filter((title) => heroku[title] === 'gap');
    expect(gaps).toEqual(['PHI runs only on eligible compute', 'PHI is stored only in eligible data services']);
    const text = allText(body);
    // Counts, gaps and the top three actions come first, before any control line.
    expect(body.blocks[2].fields.map((f: Block) => f.text)).toEqual(['*Heroku*\n2 gaps · 13 to verify']);
    expect(body.blocks[3].text.text).toBe(
      '*Gaps:* PHI runs only on eligible compute; PHI is stored only in eligible data services',
    );
    const actions = body.blocks[4].text.text.split('\n');
    expect(actions[0]).toBe('*Top actions*');
    expect(actions.slice(1)).toHaveLength(3);
    expect(actions[1]).toMatch(/^1\. \*PHI runs only on eligible compute\*: /);
    expect(actions[2]).toMatch(/^2\. \*PHI is stored only in eligible data services\*: /);
    expect(text).not.toContain('…');
    // A Heroku workload is evaluated on Heroku: no AWS column to confuse it.
    expect(statuses(body, 'AWS')).toEqual({});
    expect(body.blocks[1].elements[0].text).toContain('`web=2xstandard-2x postgres=standard-0`');
    expect(body.text).toContain(
      'Heroku: 2 gaps · 13 to verify. Gaps: PHI runs only on eligible compute; PHI is stored only in eligible data services.',
    );
    expect(exportButtons(body)[0].value).toBe('hipaa web=2xstandard-2x postgres=standard-0');
  });

  test('a Shield workload has none of those gaps', async () => {
    const { body } = await harness.command('compliance hipaa web=2xshield-m postgres=shield-0');
    const heroku = statuses(body, 'Heroku');
    expect(Object.values(heroku)).not.toContain('gap');
    expect(heroku['PHI runs only on eligible compute']).toBe('met');
    expect(heroku['PHI is stored only in eligible data services']).toBe('met');
    expect(allText(body)).toContain('*Gaps:* none found in what was checked.');
  });

  test('an AWS workload is evaluated on AWS', async () => {
    const { body } = await harness.command('compliance hipaa aws web=2xm5.large rds=db.m6g.large');
    const aws = statuses(body, 'AWS');
    expect(aws['PHI runs only on eligible compute']).toBe('met');
    expect(statuses(body, 'Heroku')).toEqual({});
  });

  test('`share` posts the checklist in the channel', async () => {
    const { body } = await harness.command('compliance gdpr share');
    expect(body.response_type).toBe('in_channel');
    expect(body.blocks[0].text.text).toBe('GDPR checklist');
  });

  test('the checklist alias works', async () => {
    const { body } = await harness.command('checklist soc2');
    expect(body.blocks[0].text.text).toBe('SOC 2 checklist');
  });

  test.each([
    ['compliance nist', "I don't know the framework `nist`"],
    ['compliance hipa', "I don't know the framework `hipa`: did you mean `hipaa`?"],
    ['compliance hipaa azure', "I don't cover the platform `azure`"],
    ['compliance', 'Usage: `/hosting compliance hipaa|pci|soc2|gdpr '],
  ])('`%s` gets the supported frameworks and platforms with an example', async (text, reason) => {
    const { status, body } = await harness.command(text);
    expect(status).toBe(200);
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks).toBeUndefined();
    expect(body.text).toContain(reason);
    expect(body.text).toContain('Frameworks: `hipaa`');
    expect(body.text).toContain('`pci`');
    expect(body.text).toContain('`soc2`');
    expect(body.text).toContain('`gdpr`');
    expect(body.text).toContain('Platforms: `heroku`, `aws`');
    expect(body.text).toContain('Example: `/hosting compliance hipaa heroku web=2xstandard-2x postgres=standard-0`');
  });

  test('a workload the estimate grammar cannot read says what was wrong and shows a compliance example', async () => {
    const { body } = await harness.command('compliance hipaa web=2xstandrd-2x');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('`standrd-2x`');
    expect(body.text).toContain('`/hosting compliance hipaa heroku web=2xstandard-2x postgres=standard-0`');
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|Error:/);
  });

  test('AWS sizes without `aws` are refused by the grammar, not evaluated as Heroku', async () => {
    const { body } = await harness.command('compliance hipaa web=2xm5.large');
    expect(body.blocks).toBeUndefined();
    expect(body.text).toContain('m5.large');
  });

  test('`app=NAME` says plainly that live app checks need HEROKU_API_TOKEN', async () => {
    const { body } = await harness.command('compliance hipaa app=acme-api');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('`acme-api` needs HEROKU_API_TOKEN');
    expect(body.text).toContain('live inventory');
  });

  test('`live` says the live inventory needs credentials and is for leads', async () => {
    const { body } = await harness.command('compliance pci aws live');
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('HEROKU_API_TOKEN');
    expect(body.text).toContain('AWS credentials');
    expect(body.text).toContain('hosting leads');
    expect(body.text).toContain('`/hosting compliance pci heroku web=2xstandard-2x postgres=standard-0`');
  });

  test('help lists compliance after estimate', async () => {
    const { body } = await harness.command('help');
    expect(body.text).toMatch(/\*estimate\*[\s\S]*\*compliance\*/);
    expect(body.text).toContain('`/hosting compliance hipaa web=2xstandard-2x postgres=standard-0`');
  });
});
