/** Compliance wording made safe for Slack mrkdwn. Pure. */

/** At most `max` characters, cut at a word boundary with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.(]+$/, '')}…`;
}

/** The three characters Slack mrkdwn reserves, and backticks, which would break a code span. */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, "'");
}

/**
 * Slack mrkdwn: escapes &, < and >, and sets identifiers with `_` or `*` (`iam_*_no_…`, `shield-*`)
 * as code so they are not read as emphasis.
 */
export function mrkdwnText(text: string): string {
  return escapeMrkdwn(text).replace(/[\w./:{}-]*[_*][\w./:{}*-]*/g, (token) => {
    if (!/[a-z]/i.test(token)) return token;
    const [, core, trail] = /^(.*?)([.:]*)$/.exec(token)!;
    return `\`${core}\`${trail}`;
  });
}
