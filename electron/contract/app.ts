import { ch, none } from './define.js';

export interface AppInfo {
  version: string;
  mode: 'electron' | 'headless';
  platform: string;
  user: string;
  uid: number;
}

export const channels = {
  'app.info': ch<AppInfo>()(none),
} as const;

export const topics = {} as const;
export const messages = {} as const;
