/**
 * A message for a modal's field error, which Slack shows as plain text: code spans become quotes and
 * bold markers go, but the words stay as written: `0 9 * * 1` keeps its asterisks and
 * America/New_York its underscore.
 */
export function fieldErrorText(text: string): string {
  return text
    .replace(/<#([A-Z0-9]+)(\|[^>]*)?>/g, '$1')
    .replace(/`([^`]*)`/g, '"$1"')
    .replace(/\*(\S(?:[^*]*\S)?)\*/g, '$1')
    .slice(0, 1900);
}
