/**
 * `/hosting compliance hipaa live` through the real receiver against a Cost Explorer that answers
 * with the services a container estate on AWS shows, under the names GetCostAndUsage gives them
 * (SERVICE dimension). ECS (what Fargate tasks bill under), EC2 and the rest AWS's own HIPAA material
 * names are eligible; only a service it does not name (Textract here) is to check, and the answer says which.
 */
import { type Harness, LEAD, startHarness } from '../support/bot-harness';
import { capture } from '../support/capture';
import { type LiveAccounts, startLiveAccounts } from '../support/live-accounts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as Slack receives it
type Json = any;

/** Cost Explorer's SERVICE values, exactly as it writes them. */
const COST_EXPLORER_SERVICES = [
  'Amazon Elastic Container Service',
  'Amazon Elastic Compute Cloud - Compute',
  'EC2 - Other',
  'Amazon Relational Database Service',
  'Amazon ElastiCache',
  'Amazon Simple Storage Service',
  'AWS Key Management Service',
  'AmazonCloudWatch',
  'Amazon Elastic Load Balancing',
  'Amazon Virtual Private Cloud',
  'AWS Lambda',
  'Amazon Simple Queue Service',
  'Amazon Route 53',
  'Amazon Textract',
];

/** The services a finding calls HIPAA-eligible, sorted (a label's own commas are inside its brackets). */
function eligibleIn(detail: string, what: 'compute' | 'data-service'): string[] {
  const list = new RegExp(`HIPAA-eligible: ([^*]*?)\\. From ${what} spend`).exec(detail)?.[1] ?? '';
  return list.split(/, (?![^(]*\))/).sort();
}

let live: LiveAccounts;
let harness: Harness;

beforeAll(async () => {
  live = await startLiveAccounts(COST_EXPLORER_SERVICES);
  harness = await startHarness(live.awsEnv);
});

afterAll(async () => {
  await harness.close();
  await live.close();
});

/** Opens the Details of the checklist group holding `control`; the modal's text. */
async function detailsOf(answer: Json, control: string): Promise<string> {
  const group = answer.blocks.find(
    (block: Json) => block.accessory?.action_id === 'compliance_details' && block.text.text.includes(control),
  );
  const opened = harness.slack.callsTo('views.open').length;
  await harness.interaction({
    type: 'block_actions',
    user: { id: LEAD, name: 'lead', team_id: 'T1' },
    container: { type: 'message', message_ts: '1700000000.000100', is_ephemeral: true },
    channel: { id: 'C0CHANNEL', name: 'eng' },
    response_url: `${harness.slack.url}/respond/hipaa-aws-details`,
    actions: [{ ...group.accessory, block_id: group.block_id, action_ts: '1700000001.000200' }],
  });
  await harness.settle();
  const views = harness.slack.callsTo('views.open');
  expect(views.length).toBe(opened + 1);
  capture('compliance-live-aws-details', views.at(-1)!.body);
  return JSON.stringify(views.at(-1)!.body.view);
}

test('ECS (Fargate), Lambda and the common AWS services are HIPAA-eligible by their Cost Explorer names; a service no AWS material names is the one to check', async () => {
  await harness.command('compliance hipaa aws live', { user_id: LEAD });
  await harness.settle();
  const answer = harness.slack.responses.at(-1)!.body as Json;
  capture('compliance-live-aws', answer);
  const detail = await detailsOf(answer, 'PHI runs only on eligible compute');
  // Compute: EC2, ECS and Lambda confirmed, nothing to check.
  expect(detail).not.toContain('unconfirmed for Lambda');
  expect(eligibleIn(detail, 'compute')).toEqual(['EC2', 'ECS (Fargate tasks)', 'Lambda']);
  // Data: every service by its short name, only Textract, which no AWS material we read names, to check.
  expect(detail).toContain('HIPAA eligibility unconfirmed for Amazon Textract: keep PHI off it or check');
  expect(eligibleIn(detail, 'data-service')).toEqual([
    'CloudWatch',
    'EC2 - Other (EBS, NAT gateways, data transfer)',
    'ElastiCache',
    'Elastic Load Balancing',
    'KMS',
    'RDS',
    'Route 53',
    'S3',
    'SQS',
    'VPC',
  ]);
  expect(live.ce.unhandled).toEqual([]);
});
