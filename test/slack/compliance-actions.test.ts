import { CSV_COLUMNS } from '../../src/core/compliance';
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { parseCsv } from '../support/read-csv';
import { buttonOf } from '../support/slack-blocks';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack sends it
type Json = any;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

let clicks = 0;

const button = buttonOf;

/** Clicks a button on an ephemeral message in #eng (or, with `channel: null`, somewhere without a channel). */
async function click(pressed: Json, options: { channel?: string | null } = {}) {
  const responseUrl = `${harness.slack.url}/respond/click-${++clicks}`;
  const channel = options.channel === undefined ? 'C0CHANNEL' : options.channel;
  const res = await harness.interaction({
    type: 'block_actions',
    container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
    ...(channel === null ? {} : { channel: { id: channel, name: 'eng' } }),
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: pressed.action_id,
        block_id: pressed.block_id,
        text: pressed.text,
        value: pressed.value,
        action_ts: '1700000001.000200',
      },
    ],
  });
  await harness.settle();
  const answers = harness.slack.responses.filter((response) => response.path.endsWith(`/click-${clicks}`));
  return { res, answers: answers.map((answer) => answer.body as Json) };
}

/** What the fake Slack recorded after `before` (each list only grows), less Bolt's own auth.test. */
function since(before: { calls: number; uploads: number }) {
  const calls = harness.slack.calls.slice(before.calls).filter((call) => call.method !== 'auth.test');
  return {
    methods: calls.map((call) => call.method),
    calls,
    uploads: harness.slack.uploads.slice(before.uploads),
  };
}

/**
 * The file inside an upload POST. The SDK posts the bytes as multipart/form-data (field `body`), as
 * Slack's upload URL accepts; FakeSlack keeps the raw request, so read it the way a server would.
 */
async function uploadedFile(raw: Buffer): Promise<Buffer> {
  const boundary = raw.subarray(0, raw.indexOf('\r\n')).toString('latin1').replace(/^--/, '');
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  }).formData();
  const file = form.get('body');
  if (!(file instanceof Blob)) throw new Error('the upload has no file part named body');
  return Buffer.from(await file.arrayBuffer());
}

const mark = () => ({ calls: harness.slack.calls.length, uploads: harness.slack.uploads.length });

describe('Export buttons', () => {
  test('Export CSV sends the evaluated checklist to the asker in a direct message: open DM → get URL → upload → complete', async () => {
    const { body } = await harness.command('compliance hipaa web=2xstandard-2x postgres=standard-0');
    const before = mark();
    const { res, answers } = await click(button(body, 'Export CSV'));
    expect(res.status).toBe(200);

    const recorded = since(before);
    expect(recorded.methods).toEqual([
      'conversations.open',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    const [open, getUrl, complete] = recorded.calls;
    expect(open.body.users).toBe(LEAD);
    const today = new Date().toISOString().slice(0, 10);
    expect(getUrl.body.filename).toBe(`hipaa-checklist-${today}.csv`);
    expect(getUrl.authorization).toMatch(/^Bearer xoxb-/);

    expect(recorded.uploads).toHaveLength(1);
    const bytes = await uploadedFile(recorded.uploads[0].bytes);
    expect(Number(getUrl.body.length)).toBe(bytes.length);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const gaps = rows.filter((row) => row[column('status')] === 'gap').map((row) => row[column('control_id')]);
    expect(gaps).toEqual(['hipaa-phi-compute', 'hipaa-phi-data']);
    expect(new Set(rows.slice(1).map((row) => row[column('platform')]))).toEqual(new Set(['heroku']));

    // A private answer stays private: the file goes to the asker's direct message, not the channel.
    expect(complete.body.channel_id).toBe('DLEAD0001');
    expect(complete.body.files).toEqual([{ id: 'F0001', title: 'HIPAA Security Rule checklist (CSV)' }]);
    expect(complete.body.initial_comment).toBe(
      'Your HIPAA Security Rule checklist for `web=2xstandard-2x postgres=standard-0`, as CSV.',
    );
    // The asker is told where it went, and may still post it in the channel.
    expect(answers).toHaveLength(1);
    capture('compliance-export-sent', answers[0]);
    expect(answers[0].text).toBe(
      'Sent the CSV export to you in a direct message. Everyone in <#C0CHANNEL> can have it too:',
    );
    const offer = answers[0].blocks[0].accessory;
    expect(offer.text.text).toBe('Post in channel');

    const posted = mark();
    const again = await click({ ...offer, block_id: answers[0].blocks[0].block_id });
    const toChannel = since(posted);
    expect(toChannel.methods).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal']);
    expect(toChannel.calls[1].body.channel_id).toBe('C0CHANNEL');
    expect(toChannel.calls[1].body.initial_comment).toBe(
      `HIPAA Security Rule checklist for \`web=2xstandard-2x postgres=standard-0\`, exported as CSV by <@${LEAD}>.`,
    );
    expect(again.answers).toEqual([]);
  });

  test('Details on a group opens that group in full in a modal: status, how, evidence, what to do, cost', async () => {
    const { body } = await harness.command('compliance hipaa web=2xstandard-2x postgres=standard-0');
    const groups = body.blocks.filter((block: Json) => block.accessory?.action_id === 'compliance_details');
    const encryption = groups.find((block: Json) => block.text.text.startsWith('*Encryption*'));
    const before = mark();
    const { res, answers } = await click({ ...encryption.accessory, block_id: encryption.block_id });
    expect(res.status).toBe(200);
    expect(answers).toEqual([]);
    const [open] = since(before).calls;
    expect(open.method).toBe('views.open');
    expect(open.body.trigger_id).toMatch(/^trigger-/);
    const view = open.body.view as Json;
    capture('compliance-details', open.body);
    expect(view.title.text).toBe('Encryption');
    const text = view.blocks.map((block: Json) => block.text?.text ?? block.elements?.[0]?.text ?? '').join('\n');
    const controls = encryption.text.text
      .split('\n')
      .slice(1)
      .map((line: string) => line.replace(/^:[a-z_]+: /, ''));
    expect(controls.length).toBeGreaterThan(0);
    for (const title of controls) expect(text).toContain(`*${title}*`);
    expect(text.match(/\*How:\* /g)).toHaveLength(controls.length);
    expect(text.match(/\*Evidence:\* /g)).toHaveLength(controls.length);
    expect(text.match(/\*To do:\* /g)).toHaveLength(controls.length);
    expect(text).toMatch(/^Cost: /m);
    // Prices as the catalog has them, each with its period, as a list price, with its source and date.
    expect(text).toContain('Cost: AWS: KMS $1.00 per key-month plus $0.03 per 10k requests.');
    expect(text).toContain(
      // The key from AWS's own KMS pricing page, the requests from Infracost's copy of the Price List.
      'Estimated from list prices (AWS in us-east-1), before tax: bundled list: AWS Key Management Service pricing page, 2026-12-08; bundled list: Infracost price tests (third party, from the AWS price lists), 2024-07-01.',
    );
    expect(text).not.toContain('…');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });

  test('Export Markdown uploads the general checklist as Markdown for the platform asked about', async () => {
    const { body } = await harness.command('compliance pci aws');
    const before = mark();
    await click(button(body, 'Export Markdown'));
    const recorded = since(before);
    expect(recorded.calls[1].body.filename).toMatch(/^pci-checklist-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = (await uploadedFile(recorded.uploads[0].bytes)).toString('utf8');
    expect(markdown.startsWith('# PCI DSS checklist\n')).toBe(true);
    const sections = markdown.split('\n').filter((line) => line.startsWith('### '));
    expect(sections.length).toBeGreaterThan(10);
    expect(markdown).toContain('- **AWS**');
    expect(markdown).not.toContain('- **Heroku**');
    expect(recorded.calls[2].body.channel_id).toMatch(/^D/);
  });

  test('Post in channel refused with not_in_channel gets a plain ephemeral answer via response_url', async () => {
    harness.slack.answer('files.completeUploadExternal', { ok: false, error: 'not_in_channel' });
    try {
      const { answers } = await click({
        action_id: 'compliance_export_to_channel',
        block_id: 'offer',
        text: { type: 'plain_text', text: 'Post in channel' },
        value: 'csv|soc2',
      });
      expect(answers).toHaveLength(1);
      expect(answers[0].response_type).toBe('ephemeral');
      expect(answers[0].replace_original).toBe(false);
      expect(answers[0].text).toContain("I'm not a member of this channel");
      expect(answers[0].text).toContain('Invite @Hosting Advisor to the channel');
      expect(answers[0].text).not.toMatch(/Error|at \w+ \(|stack/);
    } finally {
      harness.slack.answer('files.completeUploadExternal', { ok: true, files: [{ id: 'F0001', title: 'upload' }] });
    }
  });

  test('any other upload failure says what Slack said and offers the CLI', async () => {
    const { body } = await harness.command('compliance gdpr heroku');
    harness.slack.answer('files.getUploadURLExternal', { ok: false, error: 'invalid_arguments' });
    try {
      const before = mark();
      const { answers } = await click(button(body, 'Export Markdown'));
      expect(since(before).uploads).toEqual([]);
      expect(answers).toHaveLength(1);
      expect(answers[0].text).toContain('(Slack said `invalid_arguments`)');
      expect(answers[0].text).toContain('`npx hosting-advisor compliance gdpr heroku --format md`');
    } finally {
      harness.slack.answer('files.getUploadURLExternal', (request) => ({
        ok: true,
        upload_url: `${harness.slack.url}/upload/F0001`,
        file_id: 'F0001',
        filename: request.filename,
      }));
    }
  });

  test('an export pressed outside any channel still reaches the asker, with nothing to offer', async () => {
    const { body } = await harness.command('compliance hipaa');
    const before = mark();
    const { answers } = await click(button(body, 'Export CSV'), { channel: null });
    expect(since(before).methods).toEqual([
      'conversations.open',
      'files.getUploadURLExternal',
      'files.completeUploadExternal',
    ]);
    expect(answers).toHaveLength(1);
    expect(answers[0].text).toBe('Sent the CSV export to you in a direct message.');
    expect(answers[0].blocks).toBeUndefined();
  });
});

describe('Compliance checklist button on an estimate', () => {
  test('opens the HIPAA checklist for the estimated workload, only to the clicker', async () => {
    const estimate = await harness.command('estimate web=2xstandard-2x postgres=standard-0');
    const pressed = button(estimate.body, 'Compliance checklist');
    expect(pressed.action_id).toBe('open_compliance');
    const { res, answers } = await click(pressed);
    expect(res.status).toBe(200);
    expect(answers).toHaveLength(1);
    const [message] = answers;
    expect(message.response_type).toBe('ephemeral');
    expect(message.replace_original).toBe(false);
    expect(message.blocks[0].text.text).toBe('HIPAA Security Rule checklist');
    expect(message.text).toContain('Heroku: 2 gaps');
    // What the estimate priced, on both platforms (issue #12: it checked Heroku only).
    expect(message.text).toContain('AWS:');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    // The same message as the command gives.
    const command = await harness.command('compliance hipaa estimate web=2xstandard-2x postgres=standard-0');
    expect(message.blocks).toEqual(command.body.blocks);
    expect(message.text).toBe(command.body.text);
  });

  test('an estimate that asks for PCI opens the PCI checklist', async () => {
    const { answers } = await click({
      action_id: 'open_compliance',
      block_id: 'estimate_actions',
      text: { type: 'plain_text', text: 'Compliance checklist' },
      value: 'web=2xstandard-2x postgres=standard-0 pci',
    });
    expect(answers[0].blocks[0].text.text).toBe('PCI DSS checklist');
    expect(answers[0].text).toContain('for estimate web=2xstandard-2x postgres=standard-0 pci');
  });

  test('a value that starts with a framework uses it, and AWS words stay AWS', async () => {
    const { answers } = await click({
      action_id: 'open_compliance',
      block_id: 'estimate_actions',
      text: { type: 'plain_text', text: 'Compliance checklist' },
      value: 'soc2 aws web=2xm5.large rds=db.m6g.large multi-az',
    });
    expect(answers[0].blocks[0].text.text).toBe('SOC 2 checklist');
    expect(answers[0].text).toContain('AWS:');
    expect(answers[0].text).not.toContain('Heroku:');
  });

  test('words that no longer parse get the reason, not a stack trace', async () => {
    const { answers } = await click({
      action_id: 'open_compliance',
      block_id: 'estimate_actions',
      text: { type: 'plain_text', text: 'Compliance checklist' },
      value: 'web=2xnonsense',
    });
    expect(answers[0].response_type).toBe('ephemeral');
    expect(answers[0].blocks).toBeUndefined();
    expect(answers[0].text).toContain('`nonsense`');
  });
});
