/** Compliance wording made safe for Slack mrkdwn. Pure. */

/** The three characters Slack mrkdwn reserves, and backticks, which would break a code span. */
export function escapeMrkdwn(text: string): string {
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
