// Committing a container to an image: the reference and the metadata checked before the engine is asked, so a
// bad tag is named as the field it is. Node-free (the commit dialog runs the same checks).
import { invalidInput } from '../errors.js';
import { CONTROL_CHAR_HINT, describeChar, firstControlChar } from './control-chars.js';
import { imageRefHint, parseImageRef, repositoryOf } from './image-ref.js';

export interface CommitOptions {
  /** Repository, optionally with ":tag" ("localhost/web", "localhost/web:v2"). */
  repo: string;
  /** Tag, when not part of `repo` (default "latest"). */
  tag?: string;
  author?: string;
  /** Needs the Docker image format (Podman stores no message in OCI images): Burrow asks for it then. */
  message?: string;
  /** Freeze the container while its filesystem is copied (needs cgroup v2 for rootless containers). */
  pause?: boolean;
}

export interface CommitResult {
  id: string;
  reference: string;
}

export function validateCommit(
  o: CommitOptions,
): Required<Pick<CommitOptions, 'repo' | 'tag' | 'pause'>> & Pick<CommitOptions, 'author' | 'message'> {
  const ref = parseImageRef(o.repo);
  if (!o.repo.trim())
    throw invalidInput('repo', 'An image name is required', 'For example localhost/my-image:v1.');
  if (!ref || ref.digest)
    throw invalidInput('repo', `"${o.repo.trim()}" is not an image name`, imageRefHint(o.repo));
  const tagText = o.tag?.trim();
  if (ref.tag && tagText && tagText !== ref.tag)
    throw invalidInput('tag', `The name already has the tag "${ref.tag}"`, 'Give the tag in one place only.');
  const tag = tagText || ref.tag || 'latest';
  if (!/^[\w][\w.-]{0,127}$/.test(tag))
    throw invalidInput(
      'tag',
      `"${tag}" is not a tag`,
      'Tags are letters, digits, "_", "." and "-", up to 128 characters, not starting with "." or "-".',
    );
  const author = o.author?.trim();
  if (author) {
    const bad = firstControlChar(author);
    if (bad) throw invalidInput('author', `The author contains ${describeChar(bad)}`, CONTROL_CHAR_HINT);
    if (author.length > 256)
      throw invalidInput(
        'author',
        'The author is longer than 256 characters',
        'A name and an e-mail address will do.',
      );
  }
  const message = o.message?.trim();
  if (message) {
    const bad = firstControlChar(message, { multiline: true });
    if (bad) throw invalidInput('message', `The message contains ${describeChar(bad)}`, CONTROL_CHAR_HINT);
  }
  return {
    repo: repositoryOf(ref),
    tag,
    pause: o.pause ?? false,
    ...(author ? { author } : {}),
    ...(message ? { message } : {}),
  };
}
