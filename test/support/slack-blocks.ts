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
