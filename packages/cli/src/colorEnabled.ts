/**
 * Colours only for a person at a terminal: stdout is a TTY, NO_COLOR is not
 * set (https://no-color.org) and the terminal is not `dumb`.
 */
export function colorEnabled(
  stream: { isTTY?: boolean },
  env: Record<string, string | undefined>,
): boolean {
  return Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb';
}
