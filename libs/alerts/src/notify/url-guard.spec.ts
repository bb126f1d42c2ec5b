import { isPrivateAddress, urlProblem } from './url-guard';

describe('url guard', () => {
  it('classifies addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('refuses other schemes, literal private hosts and names resolving to loopback', async () => {
    expect(await urlProblem('ftp://example.com/x', false)).toBe('url must use http or https');
    expect(await urlProblem('not a url', false)).toBe('url must be an absolute http(s) URL');
    expect(await urlProblem('http://127.0.0.1:9093', false)).toMatch(/private, loopback/);
    expect(await urlProblem('http://[::1]:80/', false)).toMatch(/private, loopback/);
    expect(await urlProblem('http://localhost:8080/hook', false)).toMatch(/localhost is (127\.0\.0\.1|::1)/);
    expect(await urlProblem('http://93.184.215.14/hook', false)).toBeNull();
    expect(await urlProblem('http://127.0.0.1:9093', true)).toBeNull();
  });
});
