import type { Engine } from '../../core/engine-api.js';
import { readComposeFile } from '../../core/compose/compose-file.js';
import {
  listProjects,
  projectLogs,
  removeProject,
  restartProject,
  startProject,
  stopProject,
} from '../../core/compose/projects.js';
import { composeDown, composeProviders, composeUp } from '../../core/compose/run.js';
import type * as contract from '../contract/compose.js';
import type { DomainHandlers } from './types.js';

export function composeHandlers(e: Engine): DomainHandlers<typeof contract> {
  return {
    calls: {
      'compose.providers': () => composeProviders(e),
      'compose.inspect': (a) => readComposeFile(a.file, a.project ? { project: a.project } : {}),
      'compose.projects': () => listProjects(e),
      'compose.start': (a) => startProject(e, a.project),
      'compose.stop': (a) => stopProject(e, a.project),
      'compose.restart': (a) => restartProject(e, a.project),
      'compose.remove': (a) => removeProject(e, a.project),
    },
    topics: {
      'compose.up': (a, signal) =>
        composeUp(
          e,
          { file: a.file, ...(a.project ? { project: a.project } : {}) },
          { signal, ...(a.provider ? { provider: a.provider } : {}) },
        ),
      'compose.down': (a, signal) =>
        composeDown(
          e,
          { project: a.project, ...(a.file ? { file: a.file } : {}) },
          { signal, ...(a.provider ? { provider: a.provider } : {}) },
        ),
      'compose.logs': (a, signal) =>
        projectLogs(e, a.project, {
          signal,
          ...(a.tail !== undefined ? { tail: a.tail } : {}),
          ...(a.follow ? { follow: true } : {}),
        }),
    },
    messages: {},
  };
}
