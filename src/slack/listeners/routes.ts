/**
 * One Bolt listener per kind of request, routing by ID, instead of one listener per action or form.
 * Bolt hands every request to every registered listener, each with its own copy of the arguments
 * and its own matching middleware (see processEvent in @slack/bolt's App): with a listener per
 * button that was ~70 µs of work before each `/hosting` ack on the bench machine (README,
 * Performance). An ID with no route is left alone, as Bolt leaves a request no listener matches.
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

type ActionHandler<A extends BlockAction> = (args: SlackActionMiddlewareArgs<A> & AllMiddlewareArgs) => Promise<void>;
type ViewHandler = (args: SlackViewMiddlewareArgs & AllMiddlewareArgs) => Promise<void>;

/** Block actions (buttons, menus) by action_id. */
export class ActionRoutes {
  private readonly routes = new Map<string, ActionHandler<BlockAction>>();

  /** `A` is the element that sends `actionId`, as with Bolt's own `app.action<A>(actionId, …)`. */
  on<A extends BlockAction>(actionId: string, handler: ActionHandler<A>): this {
    if (this.routes.has(actionId)) throw new Error(`two handlers for the action ${actionId}`);
    this.routes.set(actionId, handler as unknown as ActionHandler<BlockAction>);
    return this;
  }

  register(app: App): void {
    app.action<BlockAction>({ type: 'block_actions' }, async (args) => {
      const handler = this.routes.get(args.action.action_id);
      if (handler) await handler(args);
    });
  }
}

/** Form submissions (view_submission) by the form's callback_id. */
export class ViewRoutes {
  private readonly routes = new Map<string, ViewHandler>();

  on(callbackId: string, handler: ViewHandler): this {
    if (this.routes.has(callbackId)) throw new Error(`two handlers for the form ${callbackId}`);
    this.routes.set(callbackId, handler);
    return this;
  }

  register(app: App): void {
    app.view({ type: 'view_submission' }, async (args) => {
      const handler = this.routes.get(args.view.callback_id);
      if (handler) await handler(args);
    });
  }
}
