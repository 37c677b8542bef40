/**
 * A slash command's text as the person typed it. With `should_escape` on (manifest.yml) Slack sends
 * a URL it recognised as a link (`shop.herokuapp.com` arrives as
 * `<http://shop.herokuapp.com|shop.herokuapp.com>`) and `&` as `&amp;`
 * (https://api.slack.com/reference/surfaces/formatting#escaping). Mentions (`<#C…|name>`, `<@U…>`)
 * stay as sent, since the commands read channel IDs from them, and so do `&lt;` and `&gt;`: decoded,
 * a typed `<!channel>` would become a working mention wherever the words are shown again.
 */
export function typedText(text: string): string {
  return text
    .replace(/<((?:https?|mailto|tel):[^|>]*)(?:\|([^>]*))?>/g, (_, url: string, label?: string) => label || url)
    .replace(/&amp;/g, '&');
}
