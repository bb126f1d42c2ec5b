import { EnvReader } from '../env-reader';
import { readServerConfig } from './server.config';

describe('readServerConfig: HTTP limits and timeouts', () => {
  it('defaults to depth 32, 1000 keys per object, 30 s for headers and 120 s for a whole request', () => {
    const config = readServerConfig(new EnvReader({}));
    expect(config).toMatchObject({ jsonMaxDepth: 32, jsonMaxKeys: 1000, headersTimeoutMs: 30_000, requestTimeoutMs: 120_000 });
  });

  it('reads the variables, and a short request timeout shortens the default headers timeout', () => {
    const env = new EnvReader({ JSON_MAX_DEPTH: '64', JSON_MAX_KEYS: '5000', HTTP_REQUEST_TIMEOUT_MS: '10000' });
    expect(readServerConfig(env)).toMatchObject({ jsonMaxDepth: 64, jsonMaxKeys: 5000, headersTimeoutMs: 10_000, requestTimeoutMs: 10_000 });
    expect(env.problems).toEqual([]);
  });

  it('refuses a headers timeout longer than the request timeout, and out-of-range values', () => {
    const env = new EnvReader({ HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '6000', JSON_MAX_DEPTH: '1', JSON_MAX_KEYS: '0' });
    readServerConfig(env);
    expect(env.problems).toEqual([
      'HTTP_HEADERS_TIMEOUT_MS (6000) must not exceed HTTP_REQUEST_TIMEOUT_MS (5000)',
      'JSON_MAX_DEPTH must be an integer between 2 and 1000 (got "1")',
      'JSON_MAX_KEYS must be an integer between 1 and 1000000 (got "0")',
    ]);
  });
});
