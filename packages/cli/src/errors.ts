/** A path given on the command line, or a file under it, cannot be read. */
export class UnreadablePathError extends Error {
  constructor(readonly path: string, reason: string) {
    super(`cannot read ${path}: ${reason}`);
    this.name = 'UnreadablePathError';
  }
}

/** Node's error codes for file access, as a person would say them. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return code ?? String((error as Error)?.message ?? error);
  }
}
