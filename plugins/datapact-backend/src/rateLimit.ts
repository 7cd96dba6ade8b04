import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { RequestHandler } from 'express';
import { Clock } from './clock';

/**
 * The endpoints whose answers cost the most (a whole-chain hash, a graph
 * walk, a rule evaluation, a catalog read per request): each caller may call
 * them `limit` times per `window`, counted together.
 */
export const COSTLY_ROUTES = [
  'GET /audit/verify',
  'GET /lineage',
  'GET /impact',
  'GET /findings',
  'POST /access-requests',
  'GET /access-requests/eligibility',
  'GET /access-requests/terms',
  'POST /audit/checkpoints',
] as const;

/** `datapact.rateLimit`, read once at startup (see config.d.ts). */
export interface RateLimitConfig {
  /** Off: no limit at all. */
  enabled: boolean;
  /** Calls a caller may make in one window, and at once (the bucket's size). */
  limit: number;
  /** The window in which `limit` calls come back, in milliseconds. */
  windowMs: number;
}

/**
 * Reads `datapact.rateLimit`. The default, 600 calls a minute per caller, is
 * far above what a person clicking through the portal makes and stops a
 * script that loops over the costly endpoints.
 */
export function readRateLimitConfig(config: Config): RateLimitConfig {
  const key = 'datapact.rateLimit';
  const limit = config.getOptionalNumber(`${key}.limit`) ?? 600;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new Error(
      `${key}.limit must be a whole number above 0, not ${limit}`,
    );
  }
  const windowMs = config.has(`${key}.window`)
    ? durationToMilliseconds(
        readDurationFromConfig(config, { key: `${key}.window` }),
      )
    : 60_000;
  if (!(windowMs > 0)) {
    throw new Error(`${key}.window must be longer than nothing`);
  }
  return {
    enabled: config.getOptionalBoolean(`${key}.enabled`) ?? true,
    limit,
    windowMs,
  };
}

const costly = new Set<string>(COSTLY_ROUTES);

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The rate limit of the `COSTLY_ROUTES`, as a middleware that lets every
 * other call through: a token bucket per caller (a user's entity ref, a
 * service's subject), in this replica's memory, that holds `limit` calls and
 * refills at `limit` per window; an empty bucket answers 429 with
 * `Retry-After` (seconds until the next call is allowed). Calls without
 * valid credentials pass through, to be refused by the route.
 */
export function rateLimit(options: {
  config: RateLimitConfig;
  httpAuth: HttpAuthService;
  clock: Clock;
}): RequestHandler {
  const { config, httpAuth, clock } = options;
  const buckets = new Map<string, Bucket>();
  const perMs = config.limit / config.windowMs;
  let prunedAt = 0;

  const callerOf = async (req: Parameters<RequestHandler>[0]) => {
    try {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
        subject?: string;
      };
      return principal.type === 'user'
        ? `user ${principal.userEntityRef}`
        : `service ${principal.subject}`;
    } catch {
      return undefined;
    }
  };

  return async (req, res, next) => {
    // Express routes HEAD to the GET handler and matches paths whatever
    // their case: so does the limit.
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const path = req.path.toLocaleLowerCase('en-US').replace(/(.)\/$/, '$1');
    const route = `${method} ${path}`;
    if (!config.enabled || !costly.has(route)) {
      next();
      return;
    }
    const caller = await callerOf(req);
    if (!caller) {
      next();
      return;
    }
    const now = clock.now().getTime();
    // Once a window, full buckets are dropped: memory grows with the callers
    // active in the last window only.
    if (now - prunedAt >= config.windowMs) {
      prunedAt = now;
      for (const [key, b] of buckets) {
        if (b.tokens + (now - b.at) * perMs >= config.limit)
          buckets.delete(key);
      }
    }
    const bucket = buckets.get(caller) ?? { tokens: config.limit, at: now };
    bucket.tokens = Math.min(
      config.limit,
      bucket.tokens + (now - bucket.at) * perMs,
    );
    bucket.at = now;
    buckets.set(caller, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      next();
      return;
    }
    const retryAfter = Math.max(
      1,
      Math.ceil((1 - bucket.tokens) / perMs / 1000),
    );
    res.setHeader('Retry-After', String(retryAfter));
    res.status(429).json({
      error: {
        name: 'TooManyRequestsError',
        message: `Too many requests to the costly endpoints; retry in ${retryAfter} s (limit ${
          config.limit
        } per ${config.windowMs / 1000} s per caller)`,
      },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 429 },
    });
  };
}
