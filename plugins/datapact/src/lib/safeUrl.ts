/*
 * URLs from catalog data are written by whoever can register a catalog
 * file, so the portal links to them only when they lead to a web page or a
 * mail client. Anything else (javascript:, data:, vbscript:, file:, a
 * protocol-relative //host) would run script or leave the portal in a way
 * the reader cannot see; Backstage's own Link even throws on javascript:,
 * which took a whole card or the catalog table down with it.
 */

const SAFE_PROTOCOLS: ReadonlySet<string> = new Set([
  'http:',
  'https:',
  'mailto:',
]);

// The browser drops tabs and line breaks inside a URL ("java\tscript:"),
// so a URL carrying any control character is refused rather than read.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A URL from catalog data or the backend, normalized, when it is an
 * absolute http, https or mailto URL; otherwise `undefined`, and the
 * caller shows it as plain text. Surrounding whitespace is ignored;
 * control characters inside, relative paths and any other scheme are not
 * accepted.
 */
export function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const trimmed = url.trim();
  if (!trimmed || CONTROL_CHARACTER.test(trimmed)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : undefined;
}

// One address: no second recipient (`,` `;`), no header (`?`), no space,
// no scheme-looking colon.
const PLAIN_ADDRESS = /^[^\s@,;:?<>"]+@[^\s@,;:?<>"]+$/;

/**
 * A `mailto:` URL for a contact address from catalog data, when it is one
 * plain address; otherwise `undefined`, and the caller shows it as text.
 */
export function mailtoUrl(address: unknown): string | undefined {
  if (typeof address !== 'string') return undefined;
  const trimmed = address.trim();
  return PLAIN_ADDRESS.test(trimmed) ? safeUrl(`mailto:${trimmed}`) : undefined;
}
