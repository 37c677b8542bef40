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
 * A word given a second time, as the refusals name it: `the second "aws"`, or `"stage" after
 * "staging"` when it was spelt another way; `show` quotes a word as its grammar does.
 */
export function wordAgain(word: string, first: string, show: (word: string) => string): string {
  return first.toLowerCase() === word.toLowerCase() ? `the second ${show(word)}` : `${show(word)} after ${show(first)}`;
}
