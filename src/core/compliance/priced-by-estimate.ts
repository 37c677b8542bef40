import { andList } from '../model/describe';
import type { PricedCostLine } from '../model/types';
import { formatCents } from '../money';
import { datedSource } from '../price-dates';
import type { AwsCheckId, Finding, Framework } from './types';

/**
 * What an estimate prices for the AWS controls it adds services for (src/core/model/aws-compliance-lines.ts):
 * the checklist from an estimate says each line with its monthly figure, source and date, so it agrees
 * with the estimate it came from instead of only asking for the service.
 */
const LINES_OF: Partial<Record<AwsCheckId, RegExp>> = {
  'aws-kms': /^KMS /,
  'aws-cloudtrail': /^CloudTrail /,
  'aws-guardduty': /^GuardDuty /,
  'aws-backup': /AWS Backup /,
  'aws-waf': /^AWS WAF /,
};

function pricedSentence(lines: readonly PricedCostLine[], tier: string): string {
  const figures = lines.map(
    (line) => `${line.item} ${formatCents(line.cents)}/mo${line.confidence === 'unconfirmed' ? ' (unconfirmed)' : ''}`,
  );
  const sources = [...new Set(lines.map(datedSource))].join('; ');
  return `The estimate prices it on AWS (${tier}, production): ${andList(figures)}, estimated; ${sources}.`;
}

/**
 * The AWS findings with what the estimate priced for each control (its production lines), said after
 * the finding; findings of controls the estimate priced nothing for are unchanged.
 */
export function withEstimatePrices(
  framework: Framework,
  findings: readonly Finding[],
  lines: readonly PricedCostLine[],
  tier: string,
): Finding[] {
  const production = lines.filter((line) => line.environment === 'production');
  return findings.map((finding) => {
    if (finding.platform !== 'aws') return finding;
    const control = framework.controls.find((candidate) => candidate.id === finding.controlId);
    const priced = production.filter((line) =>
      (control?.checks.aws ?? []).some((check) => LINES_OF[check]?.test(line.item)),
    );
    return priced.length === 0 ? finding : { ...finding, detail: `${finding.detail} ${pricedSentence(priced, tier)}` };
  });
}
