import { stringify } from 'csv-stringify/sync';

/**
 * RFC 4180 text: CRLF between records; a field with a comma, quote, CR or LF is quoted, quotes
 * doubled. csv-stringify quotes the delimiter and quotes itself; `quoted_match` adds a lone CR or LF,
 * which it would otherwise leave bare when records end in CRLF.
 */
export function toCsvText(rows: readonly (readonly string[])[]): string {
  return stringify(rows as string[][], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}
