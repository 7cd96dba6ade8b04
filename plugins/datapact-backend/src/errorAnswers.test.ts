import { mockServices } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { errorAnswers } from './errorAnswers';

/** An app whose one route throws `error`, answered by errorAnswers. */
function appThrowing(error: unknown) {
  const router = Router();
  router.get('/x', async () => {
    throw error;
  });
  router.use(errorAnswers(mockServices.logger.mock()));
  const app = express();
  app.use(router);
  // What Backstage's own error handler does with what passes through.
  app.use(((err, _req, res, _next) => {
    res
      .status(err.name === 'InputError' ? 400 : 599)
      .json({ passed: err.message });
  }) as express.ErrorRequestHandler);
  return app;
}

const withCode = (message: string, code: string) =>
  Object.assign(new Error(message), { code });

describe('errorAnswers', () => {
  it.each([
    [
      'a refused connection',
      withCode('connect ECONNREFUSED 10.1.2.3:5432', 'ECONNREFUSED'),
    ],
    [
      'a terminated session',
      withCode('terminating connection due to administrator command', '57P01'),
    ],
    [
      'a pool that cannot connect',
      Object.assign(
        new Error(
          'Knex: Timeout acquiring a connection. The pool is probably full.',
        ),
        { name: 'KnexTimeoutError' },
      ),
    ],
    [
      'a catalog that answers 503',
      Object.assign(
        new Error(
          'Request failed with 503 Service Unavailable, db at 10.1.2.3:5432',
        ),
        { name: 'ResponseError', statusCode: 503 },
      ),
    ],
  ])(
    'answers %s with a 503, Retry-After and no internals',
    async (_what, error) => {
      const res = await request(appThrowing(error)).get('/x');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error.name).toBe('ServiceUnavailableError');
      expect(JSON.stringify(res.body)).not.toMatch(
        /10\.1\.2\.3|5432|ECONN|administrator/,
      );
    },
  );

  it('asks for a quicker retry after a lock timeout (a stalled peer)', async () => {
    const res = await request(
      appThrowing(withCode('canceling statement due to lock timeout', '55P03')),
    ).get('/x');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
  });

  it('hides the text of any other internal error behind a log id', async () => {
    const res = await request(
      appThrowing(new Error('relation "datapact_secret" at /srv/app/x.ts')),
    ).get('/x');
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /^An internal error occurred; the backend log has it under logId=[0-9a-f]{20}$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(/datapact_secret|\/srv/);
  });

  it.each([
    ['a 400', new InputError('purpose "Connection terminated" is not allowed')],
    [
      'a 404',
      Object.assign(new Error('No such path: /terminating connection'), {
        name: 'NotFoundError',
      }),
    ],
  ])(
    'passes %s whose text reads like an outage on as a client error',
    async (_what, error) => {
      const res = await request(appThrowing(error)).get('/x');
      expect(res.status).not.toBe(503);
      expect(res.headers['retry-after']).toBeUndefined();
    },
  );

  it('passes client errors on unchanged', async () => {
    const res = await request(appThrowing(new InputError('bad `x`'))).get('/x');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ passed: 'bad `x`' });
  });
});
