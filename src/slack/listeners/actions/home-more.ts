import type { AllMiddlewareArgs, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';

type Args = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;
// biome-ignore lint/suspicious/noExplicitAny: each Home button handler takes Bolt's block action arguments
type Handler = (args: any) => Promise<void>;

/** The Home menu: each option is one of the Home actions, handled as if its own button was pressed. */
export function homeMore(handlers: Record<string, Handler>) {
  return async (args: Args) => {
    const chosen = args.action.selected_option?.value ?? '';
    const handler = handlers[chosen];
    if (!handler) {
      await args.ack();
      args.logger.warn(`unknown Home menu option: ${chosen.slice(0, 40)}`);
      return;
    }
    await handler(args);
  };
}
