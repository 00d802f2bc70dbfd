import { z } from 'zod';
import type { BrowseListing } from '../../core/model/files.js';
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
  /** A folder of the machine Burrow runs on, for the in-app file browser (home when no path is given). */
  'app.browse': ch<BrowseListing>()(
    z.strictObject({ path: z.string().max(4096).optional(), hidden: z.boolean().optional() }),
  ),
} as const;

export const topics = {} as const;
export const messages = {} as const;
