import { checkUrl, embeddedIpv4, HostResolver, isPrivateAddress, urlProblem } from './url-guard';

describe('url guard', () => {
  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ]) {
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

  // The list: each was accepted in production mode before.
  it.each([
    ['[::127.0.0.1]', '::7f00:1'],
    ['[64:ff9b::127.0.0.1]', '64:ff9b::7f00:1'],
    ['[64:ff9b::a9fe:a9fe]', '64:ff9b::a9fe:a9fe'],
    ['[2002:7f00:1::]', '2002:7f00:1::'],
    ['[::ffff:0:127.0.0.1]', '::ffff:0:7f00:1'],
    ['[fec0::1]', 'fec0::1'],
  ])('refuses http://%s/hook', async (host, normalized) => {
    expect(await urlProblem(`http://${host}/hook`, false)).toBe(
      `url must not point to a private, loopback or link-local address (${normalized} is ${normalized})`,
    );
  });

  it.each([
    ['::7f00:1', '127.0.0.1'],
    ['::10.0.0.1', '10.0.0.1'],
    ['::ffff:0:7f00:1', '127.0.0.1'],
    ['::ffff:192.168.1.1', '192.168.1.1'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['64:FF9B::10.1.2.3', '10.1.2.3'],
    ['2002:7f00:1::', '127.0.0.1'],
    ['2002:c0a8:101:1::5', '192.168.1.1'],
    ['2002:0a00:0001:abcd:0:0:0:1', '10.0.0.1'],
  ])('reads the IPv4 address inside %s (%s) and refuses it', (address, inner) => {
    expect(embeddedIpv4(address)).toBe(inner);
    expect(isPrivateAddress(address)).toBe(true);
  });

  it('judges the embedding forms by their IPv4 address: a public one passes', () => {
    for (const a of ['64:ff9b::808:808', '2002:808:808::1', '::ffff:0:808:808', '::8.8.8.8']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('refuses site-local, local-use NAT64 and unique-local whatever follows', () => {
    for (const a of ['fec0::1', 'feff:1:2:3::4', '64:ff9b:1::808:808', 'fd12:3456::1']) expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    for (const a of ['2001:4860:4860::8888', '2a00:1450::1', '64:ff9b:2::1']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('refuses a name when any of its addresses is private, and pins the first checked address', async () => {
    const resolver =
      (answers: string[]): HostResolver =>
      async () =>
        answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    expect(await urlProblem('https://hooks.example.test/x', false, resolver(['8.8.8.8', '2002:7f00:1::']))).toBe(
      'url must not point to a private, loopback or link-local address (hooks.example.test is 2002:7f00:1::)',
    );
    const checked = await checkUrl('https://hooks.example.test/x', false, resolver(['8.8.4.4', '2001:4860:4860::8888']));
    expect(checked).toEqual({ ok: true, url: new URL('https://hooks.example.test/x'), pin: { address: '8.8.4.4', family: 4 } });
    expect(await urlProblem('https://hooks.example.test/x', false, resolver([]))).toBe('url host hooks.example.test could not be resolved');
  });
});
