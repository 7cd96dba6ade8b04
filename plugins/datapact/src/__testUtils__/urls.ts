/* eslint-disable no-script-url -- script URLs are the hostile input under test */
/*
 * URLs that catalog data may carry but the portal must never turn into a
 * link, and a check that a rendered tree links only to safe places.
 */

/** Script, data and look-alike URLs, as a catalog file might spell them. */
export const unsafeUrls: ReadonlyArray<[string, string]> = [
  ['javascript:', 'javascript:alert(1)'],
  ['upper-case JAVASCRIPT:', 'JAVASCRIPT:alert(1)'],
  ['javascript: after a space', ' javascript:alert(1)'],
  ['javascript: after a tab', '\tjavascript:alert(1)'],
  ['javascript: with a tab inside', 'java\tscript:alert(1)'],
  ['data:', 'data:text/html,<script>alert(1)</script>'],
  ['vbscript:', 'vbscript:msgbox(1)'],
  ['a protocol-relative URL', '//evil.example/terms'],
];

const SAFE_PROTOCOLS = ['http:', 'https:', 'mailto:'];

/**
 * The href of every anchor in `container` that is neither an in-app path
 * (`/…`) nor an http(s) or mailto URL; the browser's own parser decides,
 * as it would on a click.
 */
export function unsafeHrefs(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('a[href]'))
    .map(a => a.getAttribute('href')!)
    .filter(href => {
      if (/^\/(?![/\\])/.test(href)) return false;
      try {
        return !SAFE_PROTOCOLS.includes(new URL(href).protocol);
      } catch {
        return true;
      }
    });
}
