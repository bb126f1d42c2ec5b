import { apiKeyFromBasic, apiKeyFromRequest } from './api-key.strategy';

const KEY = `fw_0123456789ab_${'s'.repeat(43)}`;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('API keys in Basic auth (Langfuse SDKs send public:secret)', () => {
  it.each([
    ['the prefix as user and the whole key as password', basic('fw_0123456789ab', KEY), KEY],
    ['the bare 12 hex prefix as user', basic('0123456789ab', KEY), KEY],
    ['any other user (a Langfuse public key) with the whole key', basic('pk-lf-1234', KEY), KEY],
    ['no user, the whole key', basic('', KEY), KEY],
    ['the prefix as user and only the secret as password', basic('fw_0123456789ab', 's'.repeat(43)), KEY],
  ])('reads %s', (_, header, expected) => {
    expect(apiKeyFromBasic(header)).toBe(expected);
    expect(apiKeyFromRequest({ headers: { authorization: header }, url: '/api/public/otel/v1/traces' })).toBe(expected);
  });

  it('reads Basic only on the Langfuse OTLP path: a browser re-sends cached Basic credentials anywhere', () => {
    const header = basic('fw_0123456789ab', KEY);
    for (const url of ['/api/ingest', '/api/agents', '/api/otlp/v1/traces', '/api/publicx']) {
      expect([url, apiKeyFromRequest({ headers: { authorization: header }, url })]).toEqual([url, undefined]);
    }
    expect(apiKeyFromRequest({ headers: { authorization: `Bearer ${KEY}` }, url: '/api/ingest' })).toBe(KEY);
  });

  it.each([
    ['a prefix naming another key', basic('fw_ffffffffffff', KEY)],
    ['a password that is no key without a prefix user', basic('someone', 'hunter2')],
    ['no colon', `Basic ${Buffer.from(KEY).toString('base64')}`],
    ['an empty secret', basic('fw_0123456789ab', '')],
  ])('finds no key in %s', (_, header) => {
    expect(apiKeyFromBasic(header)).toBeUndefined();
  });
});
