// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

/** The button with this label in a message's action rows, with its row's block_id (as Slack sends it back). */
export function buttonOf(message: Json, label: string): Json {
  const found = message.blocks
    .filter((block: Json) => block.type === 'actions')
    .flatMap((block: Json) => block.elements.map((element: Json) => ({ ...element, block_id: block.block_id })))
    .find((element: Json) => element.text.text === label);
  if (!found) throw new Error(`no "${label}" button`);
  return found;
}

/** Slack's limits, checked on everything a message or view carries. */
export function expectWithinSlackLimits(payload: { blocks: Json[] }, maxBlocks: number): void {
  expect(payload.blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const block of payload.blocks) {
    if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
    if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
    if (block.fields) {
      expect(block.fields.length).toBeLessThanOrEqual(10);
      for (const field of block.fields) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    for (const element of block.type === 'context' ? block.elements : [])
      expect(element.text.length).toBeLessThanOrEqual(3000);
    for (const element of block.type === 'actions' ? block.elements : [])
      expect((element.value ?? '').length).toBeLessThanOrEqual(2000);
  }
}

/** What a person reads of a message: its sections' and contexts' text a line each, or its text when it has no blocks. */
export function shownText(message: Json): string {
  if (!message?.blocks) return String(message?.text ?? '');
  return message.blocks
    .flatMap((block: Json) => [
      ...(block.text ? [block.text.text] : []),
      ...(block.type === 'context' ? block.elements.map((element: Json) => element.text) : []),
    ])
    .join('\n');
}
