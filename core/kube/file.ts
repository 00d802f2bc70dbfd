// A Kubernetes YAML file the user picked on this machine, read for playing (checked as YAML when played).
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { invalidInput } from '../errors.js';

const MAX_BYTES = 4_000_000;

export async function readKubeFile(path: string): Promise<{ yaml: string }> {
  if (!path || !isAbsolute(path))
    throw invalidInput(
      'file',
      `"${path}" is not an absolute path`,
      'Give the full path of the YAML file, e.g. /home/me/app/pod.yaml.',
    );
  const st = await stat(path).catch(() => undefined);
  if (!st)
    throw invalidInput('file', `${path} does not exist`, 'Check the path; Burrow reads it on this machine.');
  if (!st.isFile()) throw invalidInput('file', `${path} is not a file`, 'Pick the YAML file itself.');
  if (st.size > MAX_BYTES)
    throw invalidInput(
      'file',
      `${path} is ${st.size} bytes`,
      `Kubernetes YAML Burrow plays is at most ${MAX_BYTES} bytes.`,
    );
  try {
    return { yaml: await readFile(path, 'utf8') };
  } catch (e) {
    throw invalidInput('file', `${path} cannot be read: ${(e as Error).message}`, 'Check its permissions.');
  }
}
