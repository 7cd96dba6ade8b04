import { NotFoundError } from '@backstage/errors';
import { RequestHandler } from 'express';

/** The order of the methods in `Allow`. */
const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The last handler of the router: a request no route answered is a 405 with
 * an `Allow` header when its path is a route's path under another method,
 * else a 404; both with the JSON error body Backstage gives every error.
 * `routes` are the router's `METHOD /path/{param}` keys (`routeSchemas`).
 */
export function methodNotAllowed(routes: readonly string[]): RequestHandler {
  const paths = new Map<string, { pattern: RegExp; methods: string[] }>();
  for (const route of routes) {
    const [method, path] = route.split(' ');
    const entry = paths.get(path) ?? {
      // Any case, as Express routes paths.
      pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}/?$`, 'i'),
      methods: [],
    };
    entry.methods.push(method);
    paths.set(path, entry);
  }

  return (req, res, next) => {
    const methods = [...paths.values()]
      .filter(p => p.pattern.test(req.path))
      .flatMap(p => p.methods);
    if (methods.length === 0) {
      next(new NotFoundError(`No such path: ${req.path}`));
      return;
    }
    const allow = [...new Set(methods)]
      .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b))
      .join(', ');
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    res.status(405).json({
      error: {
        name: 'MethodNotAllowedError',
        message: `${req.method} is not allowed on ${req.path}; use ${allow}`,
      },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 405 },
    });
  };
}
