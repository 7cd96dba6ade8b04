import { mockServices } from '@backstage/backend-test-utils';
import { retryingOutages } from './outageRetry';

const outage = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
    code: 'ECONNREFUSED',
  });

describe('retryingOutages', () => {
  const logger = mockServices.logger.mock();

  it('waits for the database and finishes the step once it is back', async () => {
    let calls = 0;
    const result = await retryingOutages(
      'step',
      async () => {
        calls++;
        if (calls < 3) throw outage();
        return 42;
      },
      { logger },
    );
    expect(result).toBe(42);
    expect(calls).toBe(3);
  });

  it('gives up at once on an error that is not an outage', async () => {
    let calls = 0;
    await expect(
      retryingOutages(
        'step',
        async () => {
          calls++;
          throw new Error('a bug');
        },
        { logger },
      ),
    ).rejects.toThrow('a bug');
    expect(calls).toBe(1);
  });

  it('stops waiting when the task is aborted', async () => {
    const controller = new AbortController();
    const run = retryingOutages(
      'step',
      async () => {
        throw outage();
      },
      { logger, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 100);
    await expect(run).rejects.toThrow('ECONNREFUSED');
  });
});
