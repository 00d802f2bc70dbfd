import { userInfo } from 'node:os';
import { browse } from '../../core/files/browse.js';
import type * as contract from '../contract/app.js';
import type { TraySupport } from '../../core/model/settings.js';
import type { AppInfo } from '../contract/app.js';
import type { DomainHandlers } from './types.js';

export function appHandlers(opts: {
  mode: AppInfo['mode'];
  version: string;
  tray?: TraySupport;
}): DomainHandlers<typeof contract> {
  return {
    calls: {
      'app.info': async () => {
        const u = userInfo();
        return {
          version: opts.version,
          mode: opts.mode,
          platform: process.platform,
          user: u.username,
          uid: u.uid,
          ...(opts.tray ? { tray: opts.tray } : {}),
        };
      },
      'app.browse': (a) => browse(a),
    },
    topics: {},
    messages: {},
  };
}
