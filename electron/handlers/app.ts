import { userInfo } from 'node:os';
import type * as contract from '../contract/app.js';
import type { AppInfo } from '../contract/app.js';
import type { DomainHandlers } from './types.js';

export function appHandlers(opts: {
  mode: AppInfo['mode'];
  version: string;
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
        };
      },
    },
    topics: {},
    messages: {},
  };
}
