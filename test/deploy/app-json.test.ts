import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const appJson = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8'));
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The actions of the IAM policy under "Permissions the bot needs" in the README. */
function readmePolicyActions(): string[] {
  const section = readme.slice(readme.indexOf('## Permissions the bot needs'));
  const policy = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)![1]);
  return policy.Statement.flatMap((statement: { Action: string[] }) => statement.Action);
}

describe('app.json (Heroku Button)', () => {
  test('the AWS key asks for every action of the README policy, so Mark expected and live prices work', () => {
    const actions = readmePolicyActions();
    expect(actions).toEqual(['ce:Get*', 'ce:ProvideAnomalyFeedback', 'pricing:GetProducts']);
    const description: string = appJson.env.AWS_ACCESS_KEY_ID.description;
    for (const action of actions) expect([action, description.includes(action)]).toEqual([action, true]);
  });
});
