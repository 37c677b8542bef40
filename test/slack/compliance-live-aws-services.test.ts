/**
 * `/hosting compliance hipaa live` through the real receiver against a Cost Explorer that answers
 * with the services a container estate on AWS shows, under the names GetCostAndUsage gives them
 * (SERVICE dimension). ECS (what Fargate tasks bill under), EC2 and the rest AWS's own HIPAA material
 * names are eligible; only a service it does not name is to check, and the answer says which.
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

test('ECS (Fargate) and the common AWS services are HIPAA-eligible by their Cost Explorer names; Lambda and Route 53 are named as the ones to check', async () => {
  await harness.command('compliance hipaa aws live', { user_id: LEAD });
  await harness.settle();
  const answer = harness.slack.responses.at(-1)!.body as Json;
  capture('compliance-live-aws', answer);
  const detail = await detailsOf(answer, 'PHI runs only on eligible compute');
  // Compute: EC2 and ECS confirmed; Lambda, which no AWS material we read names, is the one to check.
  expect(detail).toContain('HIPAA eligibility unconfirmed for Lambda: keep PHI off it or check');
  expect(eligibleIn(detail, 'compute')).toEqual(['EC2', 'ECS (Fargate tasks)']);
  // Data: every service by its short name, only Route 53 to check.
  expect(detail).toContain('HIPAA eligibility unconfirmed for Route 53: keep PHI off it or check');
  expect(eligibleIn(detail, 'data-service')).toEqual([
    'CloudWatch',
    'EC2 - Other (EBS, NAT gateways, data transfer)',
    'ElastiCache',
    'Elastic Load Balancing',
    'KMS',
    'RDS',
    'S3',
    'SQS',
    'VPC',
  ]);
  expect(live.ce.unhandled).toEqual([]);
});
