import type { App } from '@slack/bolt';
import type { Services } from '../../services';
import * as commands from './commands';

export function registerListeners(app: App, services: Services): void {
  commands.register(app, services);
}
