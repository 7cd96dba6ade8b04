import { ConflictError, InputError } from '@backstage/errors';
import {
  ErrorRequestHandler,
  NextFunction,
  Request,
  RequestHandler,
  Response,
} from 'express';
import { createHash } from 'node:crypto';
import { canonicalJson } from './database/auditHash';
import {
  IdempotencyClaim,
  idempotencyContext,
  IdempotencyKeyTakenError,
  IdempotencyStore,
  StoredAnswer,
} from './database/IdempotencyStore';

/** The header a client sends to make a POST safe to repeat. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** The header on an answer that was stored earlier rather than made now. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** A fingerprint of what a key was sent with: method, path and body. */
function fingerprintOf(req: Request): string {
  return createHash('sha256')
    .update(
      `${req.method} ${req.baseUrl}${req.path}\n${canonicalJson(
        req.body ?? null,
      )}`,
    )
    .digest('hex');
}

function replay(
  req: Request,
  res: Response,
  stored: StoredAnswer,
  claim: IdempotencyClaim,
) {
  if (stored.fingerprint !== claim.fingerprint) {
    res.status(422).json({
      error: {
        name: 'IdempotencyKeyReusedError',
        message: `Idempotency-Key ${claim.key} was first sent with a different request (method, path or body); send a new key with a new request`,
      },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 422 },
    });
    return;
  }
  res.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  res.status(stored.status).json(stored.body);
}

/**
 * `Idempotency-Key` on every POST that changes something: the first request
 * with a key runs with the key as its claim (`idempotencyContext`), and the
 * transaction that makes the change stores its answer with it
 * (`DatapactStores.answer`). A request sent again with the same key by the
 * same caller gets the stored answer (`Idempotent-Replayed: true`) and
 * changes nothing, whatever happened since; with the same key but another
 * method, path or body it gets a 422. A failed request stores nothing, so
 * sending it again tries again. Keys are kept for a day (the expiry sweep
 * forgets older ones).
 */
export function idempotentPosts(options: {
  store: IdempotencyStore;
  /** The caller's entity ref, or a 401. */
  callerOf: (req: Request) => Promise<string>;
  /** The status a POST route answers a change with; undefined when the path changes nothing. */
  statusOf: (req: Request) => number | undefined;
}): { claim: RequestHandler; taken: ErrorRequestHandler } {
  const { store, callerOf, statusOf } = options;
  const claim: RequestHandler = async (
    req: Request,
    res: Response,
    next: NextFunction,
  ) => {
    const key = req.header(IDEMPOTENCY_KEY_HEADER);
    const status = req.method === 'POST' ? statusOf(req) : undefined;
    if (key === undefined || status === undefined) {
      next();
      return;
    }
    if (!KEY.test(key)) {
      throw new InputError(
        `Invalid header: \`${IDEMPOTENCY_KEY_HEADER}\` must be 1 to 255 visible ASCII characters`,
      );
    }
    const claimed: IdempotencyClaim = {
      caller: await callerOf(req),
      key,
      fingerprint: fingerprintOf(req),
      status,
    };
    const stored = await store.find(claimed.caller, key);
    if (stored) {
      replay(req, res, stored, claimed);
      return;
    }
    res.locals.idempotencyClaim = claimed;
    idempotencyContext.run(claimed, () => next());
  };
  // Another request with the same key committed while this one ran: its
  // answer is this one's too. That request's change may also have refused
  // this one before it took the key (a 409 from a check its commit made
  // true, such as "already approved"): the stored answer wins then too.
  const taken: ErrorRequestHandler = async (error, req, res, next) => {
    const taker = error instanceof IdempotencyKeyTakenError;
    const claimed: IdempotencyClaim | undefined = taker
      ? error.claim
      : res.locals.idempotencyClaim;
    if (!claimed || res.headersSent) {
      next(error);
      return;
    }
    try {
      const stored = await store.find(claimed.caller, claimed.key);
      if (!stored) {
        next(
          taker
            ? new ConflictError(
                `A request with Idempotency-Key ${claimed.key} is still being handled; try again in a moment`,
              )
            : error,
        );
        return;
      }
      replay(req, res, stored, claimed);
    } catch (e) {
      next(e);
    }
  };
  return { claim, taken };
}
