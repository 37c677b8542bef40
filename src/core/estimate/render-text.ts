import type { CostLine, EnvironmentName, Estimate, PlatformCost, TierCost, UnpricedCostLine } from '../model';
// The modules themselves, not the model's index: an estimate does not load the fleet and migration models.
import { leftOutCount } from '../model/left-out';
import { pricesDated } from '../model/price-dates';
import { leadSentences, lowerBound, verdictSentence } from '../model/verdict';
import { formatCents, formatUnitPrice, formatUsd, type Money } from '../money';
import { datedSource } from '../price-dates';
import { rememberedFormat, upToThreePlaces } from '../remembered-format';

const PER_MONTH = '/mo, estimated';
const ENVIRONMENTS: EnvironmentName[] = ['production', 'staging', 'review'];

const monthly = (value: Money) => `${formatUsd(value)}${PER_MONTH}`;

const formatQuantity = rememberedFormat(upToThreePlaces);

/** Numbers each distinct source so a line can cite it as [n]. */
class SourceIndex {
  private readonly keys: string[] = [];
  cite(line: CostLine): string {
    const key = datedSource(line);
    let index = this.keys.indexOf(key);
    if (index < 0) index = this.keys.push(key) - 1;
    return `[${index + 1}]`;
  }
  list(): string[] {
    return this.keys.map((key, i) => `  [${i + 1}] ${key}`);
  }
}

function confidenceMark(line: CostLine): string {
  if (line.confidence === 'conflicting') return ` (conflicting figures: ${line.note})`;
  return line.confidence === 'derived' || line.confidence === 'unconfirmed' ? ` (${line.confidence})` : '';
}

function lineText(line: CostLine, sources: SourceIndex): string {
  const cite = sources.cite(line);
  if (line.unitPrice === null) {
    return `    ${line.item}: ${formatQuantity(line.quantity)} ${line.unit}, no amount (${line.note}) ${cite}`;
  }
  const contract = line.contractPrice ? ' (your contract price)' : '';
  return `    ${line.item}: ${formatQuantity(line.quantity)} × ${formatUnitPrice(line.unitPrice)}/${line.unit} = ${formatCents(line.cents)}${PER_MONTH}${contract}${confidenceMark(line)} ${cite}`;
}

function opsSummary(cost: PlatformCost): string {
  const ops = cost.lines.filter((l) => l.category === 'ops');
  if (ops.length === 0) return `  Ops (TCO): ${monthly(cost.ops)} (no ops hours set)`;
  const first = ops[0];
  const environments = ops.length === 1 ? '1 environment' : `${ops.length} environments`;
  return `  Ops (TCO): ${monthly(cost.ops)} (${formatQuantity(first.quantity)} h per environment × ${environments} × ${formatUnitPrice(first.unitPrice)}/h)`;
}

const TOTALS = (infrastructure: Money, total: Money) =>
  `${formatUsd(infrastructure)}/mo infrastructure, ${formatUsd(total)}/mo with ops (TCO), estimated`;

function environmentLines(lines: readonly CostLine[], sources: SourceIndex): string[] {
  const out: string[] = [];
  for (const environment of ENVIRONMENTS) {
    const here = lines.filter((l) => l.environment === environment);
    if (here.length === 0) continue;
    out.push(`  ${environment}`);
    for (const line of here) out.push(lineText(line, sources));
  }
  return out;
}

/** Items left out of the totals, each kind named for what it is; each line above says how to price it. */
function notInTotals(unpriced: readonly UnpricedCostLine[]): string {
  return `  Not in these totals: ${leftOutCount(unpriced)}; each line above says how to add it.`;
}

/** The platform as it runs now: its lines, infrastructure, ops and the total with ops. */
function currentSection(cost: PlatformCost, sources: SourceIndex, awsRegion: string): string[] {
  const name = cost.platform === 'aws' ? `AWS (${awsRegion})` : 'Heroku';
  const out = [`${name} as it runs: ${TOTALS(cost.infrastructure, cost.total)}`];
  out.push(...environmentLines([...cost.lines.filter((l) => l.category !== 'ops'), ...cost.unpriced], sources));
  out.push(`  Infrastructure: ${monthly(cost.infrastructure)}`);
  out.push(opsSummary(cost));
  out.push(`  Total with ops: ${monthly(cost.total)}`);
  if (cost.unpriced.length > 0) out.push(notInTotals(cost.unpriced));
  return out;
}

/**
 * One modelled tier: what it is, its lines and infrastructure, then the modelled platform's ops (the
 * same in every tier) and the total with them. The heading names the tier and says what each figure is.
 */
function tierSection(tier: TierCost, modelled: PlatformCost, sources: SourceIndex, awsRegion: string): string[] {
  const name = tier.platform === 'aws' ? `AWS (${awsRegion})` : 'Heroku';
  const total = tier.infrastructure.plus(modelled.ops);
  const out = [`${name}, ${tier.id} tier (modelled): ${TOTALS(tier.infrastructure, total)}`, `  ${tier.description}`];
  out.push(...environmentLines([...tier.lines, ...tier.unpriced], sources));
  out.push(`  Infrastructure: ${monthly(tier.infrastructure)}`);
  out.push(opsSummary(modelled));
  out.push(`  Total with ops: ${monthly(total)}`);
  if (tier.unpriced.length > 0) out.push(notInTotals(tier.unpriced));
  return out;
}

/** The plain-text answer for the CLI and the Slack text fallback. */
export function renderEstimateText(estimate: Estimate): string {
  const sources = new SourceIndex();
  const current = estimate.current === 'heroku' ? estimate.heroku : estimate.aws;
  const modelled = estimate.current === 'heroku' ? estimate.aws : estimate.heroku;
  const comparison = {
    current: estimate.current,
    currentInfrastructure: current.infrastructure,
    tiers: estimate.tiers,
    range: estimate.range,
    verdict: estimate.verdict,
  };
  // The range, then one verdict sentence for infrastructure and ops together, then what is left out.
  const [range, ...rest] = leadSentences(comparison);
  const missing = rest.filter((sentence) => sentence.startsWith('Missing: '));
  const lines = [
    `Hosting estimate, Heroku and AWS: amounts are per month, estimated; ${pricesDated(estimate.priceDates)}.`,
    range,
    `${verdictSentence(estimate, { whichMissing: 'listed below' })}${estimate.verdict.kind === 'incomplete' ? lowerBound(comparison) : ''}`,
    ...missing,
    '',
    ...currentSection(current, sources, estimate.awsRegion),
    ...estimate.tiers.flatMap((t) => ['', ...tierSection(t, modelled, sources, estimate.awsRegion)]),
  ];
  lines.push('', 'Assumptions:', ...estimate.assumptions.map((a) => `  - ${a}`));
  lines.push('', 'Sources:', ...sources.list());
  return lines.join('\n');
}
