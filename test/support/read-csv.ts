import { parse } from 'csv-parse/sync';

/** Reads an export the way a spreadsheet would: every record the same width, quotes honoured. */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_quotes: false }) as string[][];
}
