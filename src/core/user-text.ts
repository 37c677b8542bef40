/**
 * User input made safe to quote back in Slack: `<` and `>` become look-alikes, so a mention or link
 * someone typed (`<!channel>`, `<@U…>`, `<https://…|…>`) shows as text and never notifies or links.
 */
export function neutraliseMarkup(text: string): string {
  return text.replace(/</g, '\u2039').replace(/>/g, '\u203a');
}

/**
 * What Slack made of part of a command's words, in a few words, or undefined when they hold no
 * Slack markup. With escaping on (manifest.yml `should_escape`), Slack sends `@alice` as `<@U123>`,
 * `#costs` as `<#C123|costs>`, `@here` as `<!here>`, and a typed `<` or `>` as `&lt;` / `&gt;`: a
 * value holding any of them is not the text the person meant, and would match nothing.
 */
export function slackMarkupIn(text: string): string | undefined {
  const markup = /<([@#!])([^>|]*)[^>]*>/.exec(text);
  if (markup) {
    const [, sign, target = ''] = markup;
    if (sign === '@') return 'a mention of a person (Slack turns @name into one)';
    if (sign === '#') return 'a link to a channel (Slack turns #name into one)';
    if (['here', 'channel', 'everyone'].includes(target)) return `an @${target} mention`;
    if (target.startsWith('subteam^')) return 'a mention of a user group';
    return 'Slack formatting';
  }
  if (/[<>]|&lt;|&gt;/.test(text)) return 'an angle bracket (< or >)';
  return undefined;
}

/**
 * A tag key or value with each `%40` read as `@`. With escaping on, Slack sends `@alice` as `<@U123>`
 * (the person's ID alone, not what was typed: https://docs.slack.dev/interactivity/implementing-slash-commands),
 * so a tag value that begins with @ cannot be typed as it is; `%40` (the at sign's URL escape) Slack
 * leaves alone, and no AWS tag holds a `%` (keys and values allow letters, digits, spaces and
 * `_ . : / = + - @`), so reading it as `@` can match no other tag.
 */
export function typedAtSigns(text: string): string {
  return text.replace(/%40/g, '@');
}

/** The markup is a mention Slack made of an @ word (a person, a user group, @here): `%40` would have kept it. */
export const madeFromAtSign = (text: string) => /<(?:@|!(?:here|channel|everyone|subteam\^))/.test(text);

/**
 * A word given a second time, as the refusals name it: `the second "aws"`, or `"stage" after
 * "staging"` when it was spelt another way; `show` quotes a word as its grammar does.
 */
export function wordAgain(word: string, first: string, show: (word: string) => string): string {
  return first.toLowerCase() === word.toLowerCase() ? `the second ${show(word)}` : `${show(word)} after ${show(first)}`;
}
