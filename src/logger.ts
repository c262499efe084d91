// Structured JSON logger (pino) with secrets redacted by key.
import pino from 'pino';

import type { LogLevel } from './config';

/** The logger every layer receives; pino's interface, so child loggers carry the request id. */
export type Logger = pino.Logger;

/**
 * Keys whose values never reach a log line, wherever they appear in a logged
 * object (API key, tokens, webhook secrets, a source's clientSecret).
 */
export const REDACTED_KEYS = [
  'authorization',
  'Authorization',
  'apiKey',
  'upstreamApiKey',
  'clientSecret',
  'token',
  'secret',
  'secrets',
  'webhookSecrets',
  'authJwtSecret',
  'password',
] as const;

const redactPaths = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/**
 * Creates the process logger. `destination` defaults to stdout; tests pass a
 * stream to capture lines.
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'dr-graphql-gateway' },
    redact: { paths: redactPaths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
