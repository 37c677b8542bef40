import { resolveCompliance } from '../../../answers/compliance';
import { buildChecklist } from '../../../core/compliance';
import type { Services } from '../../../services';
import { pressedBy } from '../../asker';
import { ephemeral } from '../../message';
import { checklistForAsker, resolveOptions } from '../commands/compliance';
import { parseDetailsValue } from '../commands/compliance-blocks';
import { complianceDetailsView } from '../views/compliance-details';
import { type ButtonArgs, openViewForPresser } from './open-view';
import { tellPresser } from './tell-presser';

/** A checklist group's Details button: the group in full, in a modal only the presser sees. */
export function complianceDetails(services: Services) {
  return async (args: ButtonArgs) => {
    const { ack, action, respond, logger } = args;
    await ack();
    const tell = (text: string) => tellPresser(respond, logger, 'compliance Details button')(ephemeral(text));
    const { group, words } = parseDetailsValue(action.value ?? '');
    const request = resolveCompliance(words, resolveOptions(services));
    const resolved = await checklistForAsker(request, pressedBy(services, args, false));
    if (resolved.kind !== 'checklist') {
      await tell(resolved.message.text);
      return;
    }
    const { framework, findings, meta } = resolved.checklist;
    const chosen = buildChecklist(framework, findings, meta)[group];
    if (!chosen) {
      await tell(`That part of the checklist has changed since; run \`/hosting compliance ${words}\` again.`);
      return;
    }
    await openViewForPresser(
      args,
      complianceDetailsView(framework.name, chosen, words, meta.subject),
      'compliance details',
    );
  };
}
