import { Link } from '@backstage/core-components';
import { ReactNode } from 'react';
import { safeUrl } from '../../lib/safeUrl';

/**
 * A link to a URL that comes from catalog data or the backend. It is a link
 * only when `toHref` (by default {@link safeUrl}) accepts the URL; any other
 * URL is shown as plain text, so the reader still sees where it points but
 * has nothing to click, and the card around it keeps working.
 */
export function SafeLink(props: {
  /** The URL as the catalog gives it. */
  url: string;
  /** The link's text; the URL itself when not given. */
  children?: ReactNode;
  /** The URL to link to, or `undefined` when it must not be linked. */
  toHref?: (url: string) => string | undefined;
}) {
  const { url, children } = props;
  const href = (props.toHref ?? safeUrl)(url);
  if (href) return <Link to={href}>{children ?? url.trim()}</Link>;
  return children === undefined ? (
    <span>{url.trim()} (not linked)</span>
  ) : (
    <span>
      {children} (not linked: {url.trim()})
    </span>
  );
}
