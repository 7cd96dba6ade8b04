import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { rateLimit, readRateLimitConfig } from './rateLimit';

describe('readRateLimitConfig', () => {
  it('defaults to 600 calls a minute per caller', () => {
    expect(readRateLimitConfig(new ConfigReader({}))).toEqual({
      enabled: true,
      limit: 600,
      windowMs: 60_000,
    });
  });

  it('reads the limit, the window in any duration form, and the switch', () => {
    expect(
      readRateLimitConfig(
        new ConfigReader({
          datapact: {
            rateLimit: { enabled: false, limit: 10, window: 'PT10S' },
          },
        }),
      ),
    ).toEqual({ enabled: false, limit: 10, windowMs: 10_000 });
  });

  it('refuses a limit that is no whole number above 0', () => {
    expect(() =>
      readRateLimitConfig(
        new ConfigReader({ datapact: { rateLimit: { limit: 0 } } }),
      ),
    ).toThrow('datapact.rateLimit.limit must be a whole number above 0');
  });
});

describe('rateLimit', () => {
  const app = (enabled: boolean) => {
    const router = express();
    router.use(
      rateLimit({
        config: { enabled, limit: 1, windowMs: 60_000 },
        httpAuth: mockServices.httpAuth(),
        clock: { now: () => new Date('2026-11-29T09:00:00Z') },
      }),
    );
    router.get('/lineage', (_req, res) => {
      res.json({});
    });
    router.get('/grants', (_req, res) => {
      res.json({});
    });
    return router;
  };
  const get = (server: express.Express, path: string) =>
    request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header('user:default/a'));

  it('limits only the costly routes, also with a trailing slash', async () => {
    const server = app(true);
    expect((await get(server, '/lineage')).status).toBe(200);
    expect((await get(server, '/lineage/')).status).toBe(429);
    expect((await get(server, '/grants')).status).toBe(200);
    expect((await get(server, '/grants')).status).toBe(200);
  });

  it('lets every call through when switched off', async () => {
    const server = app(false);
    expect((await get(server, '/lineage')).status).toBe(200);
    expect((await get(server, '/lineage')).status).toBe(200);
  });
});
