// EXPLORER: on outside production, off in production, and only `on`/`off` accepted.
import { ConfigError, loadConfig } from '../../src/config';

const PRODUCTION = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'jwt-secret', DR_WEBHOOK_SECRET: 'whsec' };

describe('EXPLORER', () => {
  it('is on by default outside production and off by default in production', () => {
    expect(loadConfig({}).explorer).toBe(true);
    expect(loadConfig(PRODUCTION).explorer).toBe(false);
  });

  it('can be turned on in production and off in development', () => {
    expect(loadConfig({ ...PRODUCTION, EXPLORER: 'on' }).explorer).toBe(true);
    expect(loadConfig({ EXPLORER: ' off ' }).explorer).toBe(false);
  });

  it.each(['yes', 'true', '1', 'ON'])('refuses %j', (value) => {
    expect(() => loadConfig({ EXPLORER: value })).toThrow(new ConfigError(`EXPLORER must be on or off, got "${value}"`));
  });
});
