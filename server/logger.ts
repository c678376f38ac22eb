import pino, { type Logger } from 'pino';

/**
 * Structured JSON logs on stderr (stdout stays for what the command prints). Redaction is a second
 * line of defence: handlers never log bodies, but a password or IIN key must never reach a log.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'vitrina' },
    redact: { paths: ['password', '*.password', 'iin', '*.iin', 'headers.cookie', 'req.headers.cookie'], censor: '[redacted]' },
  }, pino.destination(2));
}
