import { LoggerService } from '@backstage/backend-plugin-api';
import { serializeError } from '@backstage/errors';
import { ErrorRequestHandler, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import {
  isDatabaseOutage,
  isLockTimeout,
  isUpstreamOutage,
} from './database/databaseOutage';

/** Seconds a client should wait before trying again after an outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
/** Seconds to wait after a lock timeout (a stalled peer, ended within seconds). */
export const LOCK_RETRY_AFTER_SECONDS = 1;

function send(
  req: Request,
  res: Response,
  statusCode: number,
  error: { name: string; message: string },
) {
  res.status(statusCode).json({
    error: serializeError(Object.assign(new Error(error.message), error), {
      includeStack: false,
    }),
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode },
  });
}

/** The status Backstage's error handler would give an error. */
function statusOf(error: any): number {
  for (const field of ['statusCode', 'status']) {
    const code = error?.[field];
    if (Number.isInteger(code) && code >= 100 && code <= 599) return code;
  }
  switch (error?.name) {
    case 'NotModifiedError':
      return 304;
    case 'InputError':
      return 400;
    case 'AuthenticationError':
      return 401;
    case 'NotAllowedError':
      return 403;
    case 'NotFoundError':
      return 404;
    case 'ConflictError':
      return 409;
    case 'NotImplementedError':
      return 501;
    case 'ServiceUnavailableError':
      return 503;
    default:
      return 500;
  }
}

/**
 * The last error handler of the plugin's router: what a client is told when
 * something failed that is not its fault.
 * - The plugin's database (or the catalog) could not answer: 503 with
 *   `Retry-After` and a sentence that names no host, port or query; the
 *   change was not made, or (when the connection broke during the commit)
 *   its outcome is unknown, which is what `Idempotency-Key` is for.
 * - Any other error that would be a 500: a generic message with an id to
 *   find the error in the backend's log, never the error's own text.
 * Every other error (4xx, and 5xx the code chose) passes to Backstage's
 * error handler unchanged.
 */
export function errorAnswers(logger: LoggerService): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    // A client error stays one, even when its text reads like an outage.
    const serverError = statusOf(error) >= 500;
    if (serverError && (isDatabaseOutage(error) || isUpstreamOutage(error))) {
      const lock = isLockTimeout(error);
      logger.warn(
        `${req.method} ${req.path} answered 503 (${
          lock ? 'lock timeout' : 'outage'
        }): ${error}`,
      );
      res.setHeader(
        'Retry-After',
        String(lock ? LOCK_RETRY_AFTER_SECONDS : OUTAGE_RETRY_AFTER_SECONDS),
      );
      send(req, res, 503, {
        name: 'ServiceUnavailableError',
        message: lock
          ? 'Another change to the same records took too long and was given up; try again in a moment'
          : 'The Datapact database is not available right now; try again in a few seconds (send the same Idempotency-Key to be sure a change is made once)',
      });
      return;
    }
    if (serverError && error?.name !== 'ServiceUnavailableError') {
      const logId = randomBytes(10).toString('hex');
      logger.error(`${req.method} ${req.path} failed, logId=${logId}`, error);
      send(req, res, 500, {
        name: 'Error',
        message: `An internal error occurred; the backend log has it under logId=${logId}`,
      });
      return;
    }
    next(error);
  };
}
