import { ConfigError, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000, host: '0.0.0.0', upstreamBaseUrl: undefined, webhookToleranceSeconds: 300,
      upstreamRateLimit: 25, logLevel: 'info', simulatorPort: 4010, production: false, webhookSecrets: [],
      shutdownGraceMs: 10_000,
    });
    expect(config.applicationId).toBe('dr-graphql-gateway/0.1.0');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads a secret list for rotation and trims values', () => {
    expect(loadConfig({ DR_WEBHOOK_SECRET: ' old , new ,', PORT: ' 8080 ' })).toMatchObject({ webhookSecrets: ['old', 'new'], port: 8080 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number between 0 and 65535, got "eighty"'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535, got 70000'],
    [{ DR_API_BASE_URL: 'not a url', DR_API_KEY: 'k' }, 'DR_API_BASE_URL must be an absolute URL, got "not a url"'],
    [{ DR_API_BASE_URL: 'ftp://x', DR_API_KEY: 'k' }, 'DR_API_BASE_URL must use http: or https:, got "ftp:"'],
    [{ DR_API_BASE_URL: 'https://api.digitalriver.com' }, 'DR_API_KEY is required when DR_API_BASE_URL is set (the upstream answers 401 without a key)'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ UPSTREAM_RATE_LIMIT: '-1' }, 'UPSTREAM_RATE_LIMIT must be a whole number between 0 and 100000, got "-1"'],
    [{ SHUTDOWN_GRACE_MS: '10s' }, 'SHUTDOWN_GRACE_MS must be a whole number between 100 and 600000, got "10s"'],
    [{ SHUTDOWN_GRACE_MS: '50' }, 'SHUTDOWN_GRACE_MS must be between 100 and 600000, got 50'],
    [{ SHUTDOWN_GRACE_MS: '3600000' }, 'SHUTDOWN_GRACE_MS must be between 100 and 600000, got 3600000'],
    [{ EVENT_REPLAY_SECONDS: '30' }, 'EVENT_REPLAY_SECONDS must be between 60 and 2592000, got 30'],
    [{ EVENT_REPLAY_MAX: '0' }, 'EVENT_REPLAY_MAX must be between 1 and 1000000, got 0'],
    [{ EVENT_REPLAY_MAX: '10k' }, 'EVENT_REPLAY_MAX must be a whole number between 1 and 1000000, got "10k"'],
    [{ NODE_ENV: 'production', DR_WEBHOOK_SECRET: 's' }, 'NODE_ENV=production requires AUTH_JWT_SECRET (every GraphQL request must carry a token)'],
    [{ NODE_ENV: 'production', AUTH_JWT_SECRET: 's' }, 'NODE_ENV=production requires DR_WEBHOOK_SECRET (unsigned webhooks would be accepted otherwise)'],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('reads the shutdown grace', () => {
    expect(loadConfig({ SHUTDOWN_GRACE_MS: ' 25000 ' }).shutdownGraceMs).toBe(25_000);
  });

  it('keeps a day of events for resuming with Redis and the last 10,000 without, unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ eventReplaySeconds: 86_400, eventReplayMax: 10_000 });
    expect(loadConfig({ EVENT_REPLAY_SECONDS: '3600', EVENT_REPLAY_MAX: '500' })).toMatchObject({ eventReplaySeconds: 3_600, eventReplayMax: 500 });
  });

  it('caches upstream objects for 60 s in at most 64 MiB per instance unless told otherwise; 0 turns the cache off', () => {
    expect(loadConfig({})).toMatchObject({ cacheTtlSeconds: 60, cacheMaxBytes: 64 * 1024 * 1024 });
    expect(loadConfig({ CACHE_TTL_SECONDS: '0', CACHE_MAX_BYTES: '1048576' })).toMatchObject({ cacheTtlSeconds: 0, cacheMaxBytes: 1_048_576 });
    expect(() => loadConfig({ CACHE_TTL_SECONDS: '1m' })).toThrow(new ConfigError('CACHE_TTL_SECONDS must be a whole number between 0 and 86400, got "1m"'));
    expect(() => loadConfig({ CACHE_TTL_SECONDS: '90000' })).toThrow(new ConfigError('CACHE_TTL_SECONDS must be between 0 and 86400, got 90000'));
    expect(() => loadConfig({ CACHE_MAX_BYTES: '64MB' })).toThrow(new ConfigError('CACHE_MAX_BYTES must be a whole number between 0 and 17179869184, got "64MB"'));
  });

  it('strips a trailing slash from the upstream URL', () => {
    expect(loadConfig({ DR_API_BASE_URL: 'https://api.digitalriver.com/', DR_API_KEY: 'sk_test_1' }).upstreamBaseUrl).toBe('https://api.digitalriver.com');
  });
});
