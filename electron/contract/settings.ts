import type { Settings, SettingsState } from '../../core/model/settings.js';
import { settingsPatchSchema } from '../../core/settings/schema.js';
import { ch, none } from './define.js';

export const channels = {
  'settings.get': ch<SettingsState>()(none),
  /** A partial update: nested objects merge; a container's watch mark set to null goes back to the default. */
  'settings.update': ch<Settings>()(settingsPatchSchema),
} as const;

export const topics = {
  /** The settings now, then after every change (another window's included). */
  settings: ch<Settings>()(none),
} as const;

export const messages = {} as const;
