// A folder on the machine Burrow runs on, as the in-app file browser shows it (compose files, archives, build
// folders, secret files all name paths there).

export interface BrowseEntry {
  name: string;
  kind: 'dir' | 'file' | 'other';
  /** Bytes, for files. */
  size?: number;
}

export interface BrowseListing {
  /** The folder listed, absolute and normalised. */
  path: string;
  /** Its parent; absent at `/`. */
  parent?: string;
  /** The user's home, where browsing starts. */
  home: string;
  /** Folders first, then files, each by name. */
  entries: BrowseEntry[];
  /** How many entries were left out past the cap. */
  omitted: number;
}
