/**
 * User input made safe to quote back in Slack: `<` and `>` become look-alikes, so a mention or link
 * someone typed (`<!channel>`, `<@U…>`, `<https://…|…>`) shows as text and never notifies or links.
 */
export function neutraliseMarkup(text: string): string {
  return text.replace(/</g, '\u2039').replace(/>/g, '\u203a');
}
