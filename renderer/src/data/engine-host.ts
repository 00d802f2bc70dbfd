// Where files the user names live, said in one place: archives and secret files are always on the machine Burrow
// runs on; with a remote engine they stream through its API, so the wording says so.
import { useChannel } from './queries.js';

export function useEngineIsRemote(): boolean {
  return useChannel('system.connection', {}, { staleTime: Infinity }).data?.kind === 'ssh';
}

export function useFilesNote(): string {
  return useEngineIsRemote()
    ? 'Paths are on this computer (where Burrow runs); the archive streams to and from the remote engine through its API.'
    : 'Paths are on this computer, where the engine runs too.';
}
