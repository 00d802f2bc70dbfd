import type { TraySupport } from '../../core/model/settings.js';
import { ch, none } from './define.js';

export interface AppInfo {
  version: string;
  mode: 'electron' | 'headless';
  platform: string;
  user: string;
  uid: number;
  /** Electron only: whether closing to the tray is possible on this desktop. */
  tray?: TraySupport;
}

export const channels = {
  'app.info': ch<AppInfo>()(none),
} as const;

export const topics = {} as const;
export const messages = {} as const;
