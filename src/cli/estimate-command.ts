import { estimateFromWords } from '../answers/estimate';
import { renderEstimateText } from '../core/estimate';
import type { Estimate, PlatformCost } from '../core/model';
import { formatUsd } from '../core/money';
import type { CliCommand } from './cli-command';

/** Cost lines as JSON: exact amounts as decimal strings, plus the rounded display figure. */
function platformJson(cost: PlatformCost) {
  return {
    platform: cost.platform,
    infrastructureMonthly: cost.infrastructure.toString(),
    opsMonthly: cost.ops.toString(),
    totalMonthly: cost.total.toString(),
    display: { infrastructure: formatUsd(cost.infrastructure), total: formatUsd(cost.total) },
    lines: cost.lines.map((line) => ({
      ...line,
      unitPrice: line.unitPrice.toString(),
      monthly: line.monthly.toString(),
    })),
    unpriced: cost.unpriced,
  };
}

export function estimateJson(result: Estimate) {
  return {
    period: 'month',
    estimated: true,
    priceListDate: result.priceListDate,
    cheaper: result.cheaper,
    difference: result.difference.toString(),
    withOps: { cheaper: result.withOps.cheaper, difference: result.withOps.difference.toString() },
    excludesUnpriced: result.excludesUnpriced,
    heroku: platformJson(result.heroku),
    aws: platformJson(result.aws),
    assumptions: result.assumptions,
    workload: result.workload,
  };
}

export const estimateCliCommand: CliCommand = {
  name: 'estimate',
  usage: 'estimate <workload> [--json]',
  summary: 'price a workload on Heroku and model it on AWS (or the reverse with `aws`)',
  examples: [
    'estimate web=2xstandard-2x postgres=standard-0',
    'estimate aws web=2xm5.large rds=db.m6g.large multi-az --json',
  ],
  async run(args, { catalog, io }) {
    const json = args.includes('--json');
    const words = args.filter((arg) => arg !== '--json').join(' ');
    const answer = estimateFromWords(words, catalog);
    switch (answer.kind) {
      case 'refused':
      case 'failed':
        io.err(answer.message);
        return 1;
      case 'form':
        io.err('Describe a workload, for example: npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0');
        return 1;
      case 'needs-heroku':
        io.err(
          `Estimating the live Heroku app "${answer.app}" needs HEROKU_API_TOKEN. Meanwhile, describe it: npx hosting-advisor estimate web=2xstandard-2x postgres=standard-0`,
        );
        return 1;
      case 'estimate':
        io.out(json ? JSON.stringify(estimateJson(answer.estimate), null, 2) : renderEstimateText(answer.estimate));
        return 0;
    }
  },
};
