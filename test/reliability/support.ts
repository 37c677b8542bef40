import { formatCents } from '../../src/core/money';
import { spendPeriod } from '../../src/core/spend/request';
import { centsForDays, chargedDays } from '../../src/core/spend/rows';
import type { Harness } from '../support/bot-harness';
import { type Gate, waitUntil } from '../support/gate';

/**
 * Checks shared by the reliability suite: what a person may see in an answer (no internals, no
 * mention they did not mean the bot to make, blocks Slack accepts) and what a log line may hold.
 */

/** Every string inside a message (text, blocks, button values), with where it is. */
export function stringLeaves(value: unknown, where = '$', out: { where: string; text: string }[] = []) {
  if (typeof value === 'string') out.push({ where, text: value });
  else if (Array.isArray(value))
    value.forEach((item, i) => {
      stringLeaves(item, `${where}[${i}]`, out);
    });
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) stringLeaves(item, `${where}.${key}`, out);
  return out;
}

/** Internals a person should never read in an answer. */
const INTERNALS: { name: string; pattern: RegExp }[] = [
  { name: 'a stack frame', pattern: /\bat (?:\S+ \()?(?:\/|file:|node:|[A-Za-z]:\\)/ },
  { name: 'a source position', pattern: /\.(?:ts|js|mjs|cjs):\d/ },
  { name: 'a TypeScript file name', pattern: /\.ts:/ },
  { name: 'node_modules', pattern: /node_modules/ },
  { name: 'a JavaScript error name', pattern: /\b(?:Type|Reference|Range|Syntax|Eval|URI)Error\b/ },
  { name: '"undefined"', pattern: /\bundefined\b/ },
  { name: '"null"', pattern: /\bnull\b/ },
  { name: 'NaN', pattern: /\bNaN\b/ },
  { name: 'Infinity', pattern: /Infinity|∞/ },
  { name: '[object Object]', pattern: /\[object \w+\]/ },
  { name: 'function source', pattern: /\bfunction \w*\(|\[native code\]|=>\s*\{/ },
  { name: 'an exponent-formatted number', pattern: /\d\.?\d*e[+-]\d+/ },
];

/**
 * The internals in `text` that the person did not type themselves: an input saying `undefined` may
 * be quoted back as such.
 */
export function internalsIn(text: string, input: string): string[] {
  return INTERNALS.filter(
    ({ pattern }) => pattern.test(text) && !new RegExp(pattern.source, `${pattern.flags}i`).test(input),
  ).map(({ name }) => name);
}

/**
 * Signs that a value was missing when a sentence was built (`how  meet`, `Spend: , …`, `· ·`, `()`),
 * outside the code spans where input is quoted back.
 */
export function emptyValuesIn(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '`…`');
  return [...prose.matchAll(/[^\s*_] {2,}[^\s*_]|[:,·] *[,·]|\( *\)|\[ *\]/g)].map((m) => JSON.stringify(m[0]));
}

/**
 * Slack control sequences (`<!channel>`, `<@U…>`, `<#C…>`, `<https://…|…>`) other than the bot's own
 * `allowed` ones. A sequence the user typed must come back neutralised, never as a working mention or link.
 */
export function controlSequencesIn(text: string, allowed: readonly string[] = []): string[] {
  let rest = text;
  for (const sequence of allowed) rest = rest.split(sequence).join('');
  return [...(rest.match(/<[^<>]*>/g) ?? []), ...(rest.match(/<[!@#]|<(?:https?|mailto):/gi) ?? [])];
}

// biome-ignore lint/suspicious/noExplicitAny: messages are whatever JSON the bot sent
type Json = any;

/** Problems Slack would reject a message for (sizes from the Block Kit reference), or that leave it empty. */
export function blockKitProblems(message: Json): string[] {
  const problems: string[] = [];
  if (typeof message.text !== 'string' || message.text.trim() === '') problems.push('no fallback text');
  if (typeof message.text === 'string' && message.text.length > 40_000) problems.push('text over 40,000 characters');
  const blocks: Json[] = message.blocks ?? [];
  if (!Array.isArray(blocks)) return [...problems, 'blocks is not a list'];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (Slack takes 50)`);
  blocks.forEach((block, i) => {
    const at = `blocks[${i}] (${block.type})`;
    const text: string | undefined = block.text?.text;
    if (block.type === 'section') {
      if (!text && !block.fields) problems.push(`${at}: empty section`);
      if (text && text.length > 3000) problems.push(`${at}: ${text.length} characters (Slack takes 3,000)`);
    }
    if (block.type === 'header') {
      if (!text?.trim()) problems.push(`${at}: empty header`);
      if (text && text.length > 150) problems.push(`${at}: ${text.length} characters (Slack takes 150)`);
    }
    if (block.type === 'context') {
      const elements: Json[] = block.elements ?? [];
      if (elements.length === 0 || elements.length > 10) problems.push(`${at}: ${elements.length} elements`);
      for (const element of elements)
        if (typeof element.text === 'string' && (element.text.length === 0 || element.text.length > 3000))
          problems.push(`${at}: element of ${element.text.length} characters`);
    }
    if (block.type === 'actions') {
      const elements: Json[] = block.elements ?? [];
      if (elements.length === 0 || elements.length > 25) problems.push(`${at}: ${elements.length} elements`);
      for (const element of elements) {
        const label: string = element.text?.text ?? '';
        if (label.length === 0 || label.length > 75) problems.push(`${at}: button label of ${label.length}`);
        if (typeof element.value === 'string' && element.value.length > 2000)
          problems.push(`${at}: button value of ${element.value.length} characters (Slack takes 2,000)`);
        if (typeof element.action_id === 'string' && element.action_id.length > 255)
          problems.push(`${at}: action_id too long`);
      }
    }
    if (typeof block.block_id === 'string' && block.block_id.length > 255) problems.push(`${at}: block_id too long`);
  });
  return problems;
}

/**
 * Forms in which a secret could end up in a log line: as is, URL- and JSON-escaped, and base64 (e.g.
 * inside a Basic auth header) at any of the three byte alignments, trimmed to the characters that
 * depend on the secret alone so an embedded copy is found too.
 */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), encodeURI(secret), JSON.stringify(secret).slice(1, -1)]);
  for (const pad of [0, 1, 2]) {
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = Buffer.from(`${'a'.repeat(pad)}${secret}`).toString(encoding);
      forms.add(encoded.slice(pad === 0 ? 0 : 4, -4));
    }
  }
  return [...forms].filter((form) => form.length >= 8);
}

/** What a person saw after a slash command whose answer comes later (a live source was asked). */
export interface DeferredAnswer {
  ack: { status: number; body: { text?: string } };
  /** The answer's blocks' text and its fallback text. */
  shown: string;
}

type ShownBlock = { text?: { text: string }; fields?: { text: string }[]; elements?: { text?: unknown }[] };

/**
 * Heroku's part of a 7-day spend answer before any daily snapshot: each app's monthly run-rate for the
 * period's billed days, rounded once per app; the total is the sum of the app lines.
 */
export function herokuRunRateWeek(apps: Record<string, number>): { total: string; lines: Record<string, string> } {
  const days = chargedDays(spendPeriod('7d', new Date()));
  const cents = Object.fromEntries(Object.entries(apps).map(([app, monthly]) => [app, centsForDays(monthly, days)]));
  const sum = Object.values(cents).reduce((a, b) => a + b, 0);
  return {
    total: `*Total: ${formatCents(sum)}*`,
    lines: Object.fromEntries(Object.entries(cents).map(([app, c]) => [app, `• ${app}: ${formatCents(c)}`])),
  };
}

type Asker = Pick<Harness, 'command' | 'settle' | 'slack'>;

/**
 * Sends `text` as `/hosting` and waits for its one deferred answer. `afterAck` runs between the ack
 * and the wait (to check what holds while the answer is being worked on, and to open a gate).
 */
export async function askAndWait(
  harness: Asker,
  text: string,
  afterAck: (ack: DeferredAnswer['ack']) => Promise<void> | void = () => {},
): Promise<DeferredAnswer> {
  const before = harness.slack.responses.length;
  const ack = await harness.command(text);
  await afterAck(ack);
  // The answer first (naming what never came, if it does not), then the rest of the listener's work.
  await waitUntil(() => harness.slack.responses.length > before, `the answer to "${text}"`);
  await harness.settle();
  const responses = harness.slack.responses.slice(before);
  if (responses.length !== 1) throw new Error(`expected one answer to "${text}", got ${responses.length}`);
  const body = responses[0]!.body as { text?: string; blocks?: ShownBlock[] };
  const blocks = (body.blocks ?? [])
    .map((block) =>
      [
        block.text?.text ??
          (block.elements ?? []).map((element) => (typeof element.text === 'string' ? element.text : '')).join(' '),
        ...(block.fields ?? []).map((field) => field.text),
      ].join('\n'),
    )
    .join('\n');
  return { ack, shown: `${blocks}\n${body.text ?? ''}` };
}

/**
 * Sends `text` while `gate` holds the upstream's answer. The ack comes back first (the gate is
 * still shut, so nothing the upstream says can be in it); once `held()` shows the upstream request
 * waiting behind the gate, with no deferred answer posted yet, the gate opens and the answer is
 * awaited. A bot that waited on the upstream before acking gets no 200 ack at all (Bolt answers 404
 * when a listener has not acked within 3 s), and one that answered without it fails here.
 */
export function askWhileHeld(harness: Asker, text: string, gate: Gate, held: () => boolean): Promise<DeferredAnswer> {
  const before = harness.slack.responses.length;
  return askAndWait(harness, text, async (ack) => {
    if (ack.status !== 200) {
      gate.open();
      throw new Error(`"${text}" was not acked while the upstream was held: HTTP ${ack.status}`);
    }
    await waitUntil(held, `the upstream request for "${text}" to be held`);
    if (harness.slack.responses.length !== before) throw new Error(`"${text}" was answered before the upstream was`);
    gate.open();
  });
}
