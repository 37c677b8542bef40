/**
 * A checklist's costs quote the prices the estimates use, each with its period, as a list price,
 * with its source and date, and say the same in every format: text, Markdown, CSV and JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../src/cli/run-cli';
import { CSV_COLUMNS } from '../../src/core/compliance';
import { tempSqliteFile } from '../support/databases';
import { parseCsv } from '../support/read-csv';

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const code = await runCli(
    ['compliance', ...argv],
    { DATABASE_URL: tempSqliteFile(), ...env },
    { out: (text) => out.push(text), err: () => undefined },
  );
  expect(code).toBe(0);
  return out.join('\n');
}

const INFRACOST = 'bundled list: Infracost price tests (third party, from the AWS price lists), 2024-07-01';
const WAF_COST = `AWS WAF $5.00 per web-ACL-month + $1.00 per rule-month + $0.60 per 1M requests. Heroku: a third-party WAF (not in the cost model). Estimated from list prices (AWS in us-east-1), before tax: ${INFRACOST}.`;

/** Each control's cost, by id, in each format. */
async function costs(framework: string, env: Record<string, string> = {}) {
  const json = JSON.parse(await run([framework, '--format', 'json'], env));
  const fromJson = Object.fromEntries(json.controls.map((c: { id: string; cost: string }) => [c.id, c.cost]));
  const rows = parseCsv(await run([framework, '--format', 'csv'], env));
  const [id, cost] = [CSV_COLUMNS.indexOf('control_id'), CSV_COLUMNS.indexOf('cost')];
  const fromCsv = Object.fromEntries(rows.slice(1).map((row) => [row[id], row[cost]]));
  const text = await run([framework], env);
  const fromText = Object.fromEntries(
    [...text.matchAll(/^\[([\w-]+)\][\s\S]*?^ {2}Cost: (.*)$/gm)].map(([, control, line]) => [control, line]),
  );
  const markdown = await run([framework, '--format', 'md'], env);
  const fromMarkdown = Object.fromEntries(
    [...markdown.matchAll(/^### .*\(([\w\\-]+)\)$[\s\S]*?^- \*\*Cost:\*\* (.*)$/gm)].map(([, control, line]) => [
      control!.replace(/\\/g, ''),
      line!.replace(/\\(.)/g, '$1'),
    ]),
  );
  return { fromJson, fromCsv, fromText, fromMarkdown };
}

describe('compliance costs', () => {
  test.each(['hipaa', 'pci', 'soc2', 'gdpr'])(
    '%s: every price says its period, that it is a list price, its source and date; all formats agree',
    async (framework) => {
      const { fromJson, fromCsv, fromText, fromMarkdown } = await costs(framework);
      expect(fromCsv).toEqual(fromJson);
      expect(fromText).toEqual(fromJson);
      expect(fromMarkdown).toEqual(fromJson);
      for (const cost of Object.values(fromJson) as string[]) {
        expect(cost).not.toMatch(/\{[a-z]/);
        if (!cost.includes('$')) continue;
        // A figure is always a unit price with its unit, never a bare "$5" or "$1/key-month".
        for (const [figure] of cost.matchAll(/\$[\d,.]+\S*/g)) expect(cost).toContain(`${figure} per `);
        expect(cost).toMatch(
          / Estimated from list prices( \(AWS in us-east-1\))?, before tax: bundled list: .+, \d{4}-\d{2}-\d{2}\.$/,
        );
      }
    },
  );

  test('PCI: the WAF cost as the catalog prices it, with its source and date', async () => {
    const { fromJson } = await costs('pci');
    expect(fromJson['pci-waf']).toBe(WAF_COST);
  });

  test('RDS backup storage is quoted from the one catalog key the estimates and a PRICING_FILE use', async () => {
    const backupCost = (costs: Record<string, unknown>) =>
      Object.values(costs).find((cost) => String(cost).includes('backup storage beyond the free amount')) as string;
    const { fromJson } = await costs('soc2');
    expect(backupCost(fromJson)).toMatch(
      /backup storage beyond the free amount \$0\.095 per GB-month\. Estimated from list prices \(AWS in us-east-1\), before tax: bundled list: Infracost price tests \(third party, from the AWS price lists\), 2026-05-03\.$/,
    );
    const file = path.join(path.dirname(tempSqliteFile()), 'prices.yml');
    fs.writeFileSync(file, 'asOf: 2026-11-01\nprices:\n  aws.rds.backup: 0.1\n');
    const { fromJson: contract } = await costs('hipaa', { PRICING_FILE: file });
    expect(backupCost(contract)).toContain('backup storage beyond the free amount $0.10 per GB-month, AWS Backup.');
    expect(backupCost(contract)).toContain('PRICING_FILE');
  });

  test('a PRICING_FILE price is the one quoted, named as such', async () => {
    const file = path.join(path.dirname(tempSqliteFile()), 'prices.yml');
    fs.writeFileSync(file, 'asOf: 2026-11-01\nprices:\n  aws.kms.key: 3\n');
    const { fromJson } = await costs('gdpr', { PRICING_FILE: file });
    const kms = Object.values(fromJson).find((cost) => String(cost).startsWith('AWS: KMS')) as string;
    expect(kms).toMatch(
      /^AWS: KMS \$3\.00 per key-month plus \$0\.03 per 10k requests\. .* Estimated from prices \(AWS in us-east-1\), before tax: PRICING_FILE/,
    );
    expect(kms).toContain('2026-11-01');
  });
});
