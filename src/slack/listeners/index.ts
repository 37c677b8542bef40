import type { App } from '@slack/bolt';
import type { Services } from '../../services';
import * as actions from './actions';
import * as commands from './commands';
import * as events from './events';
import * as views from './views';

export function registerListeners(app: App, services: Services): void {
  commands.register(app, services);
  actions.register(app, services);
  views.register(app, services);
  events.register(app, services);
}
