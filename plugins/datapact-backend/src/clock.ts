import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';

/**
 * Where the plugin gets the time from: one place, so that expiry can be
 * tested without waiting.
 * @public
 */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/**
 * The Datapact backend's clock; tests replace it with
 * `createServiceFactory({ service: datapactClockServiceRef, ... })`.
 * @public
 */
export const datapactClockServiceRef = createServiceRef<Clock>({
  id: 'datapact.clock',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => systemClock,
    }),
});
