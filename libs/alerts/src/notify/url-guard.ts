import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
// Ranges without an IPv4 address inside; those with one are judged by it (embeddedIpv4).
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): translates to whatever the operator chose
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10], // site-local, deprecated but still routed by some networks
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of a valid IPv6 address (any spelling, a trailing dotted quad allowed). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = text.slice(0, dotted.index) + ((a << 8) | b).toString(16) + ':' + ((c << 8) | d).toString(16);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0) return undefined;
  const groups = [...head, ...new Array<string>(fill).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : undefined;
}

const v4 = (high: number, low: number): string => [high >> 8, high & 255, low >> 8, low & 255].join('.');
const zero = (groups: number[], from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);

/**
 * The IPv4 address an IPv6 address carries and reaches, for the forms that carry one: IPv4-mapped
 * (::ffff:0:0/96), IPv4-compatible (::/96), IPv4-translated (::ffff:0:0:0/96), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16, the relay's IPv4 in bits 16-47).
 */
export function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (!g) return undefined;
  if (zero(g, 0, 5) && g[5] === 0xffff) return v4(g[6], g[7]);
  if (zero(g, 0, 6)) return v4(g[6], g[7]);
  if (zero(g, 0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(g, 2, 6)) return v4(g[6], g[7]);
  if (g[0] === 0x2002) return v4(g[1], g[2]);
  return undefined;
}

/** Loopback, private, link-local, site-local, shared, multicast or unspecified: not a public host. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return blocked.check(address, 'ipv4');
  if (version !== 6 || !ipv6Groups(address)) return true;
  const inner = embeddedIpv4(address);
  return inner !== undefined ? blocked.check(inner, 'ipv4') : blocked.check(address, 'ipv6');
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (the system resolver unless a test passes its own). */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/**
 * A usable notification URL and, unless private targets are allowed, the one checked address the
 * request must connect to: resolving again when connecting would let a name answer a public
 * address to the check and a private one to the connection (DNS rebinding).
 */
export type CheckedUrl = { ok: true; url: URL; pin: ResolvedAddress | null } | { ok: false; problem: string };

/**
 * http(s) only, and unless private targets are allowed, every address the host resolves to must
 * be public (a name that resolves to 127.0.0.1 is refused like the literal).
 */
export async function checkUrl(raw: string, allowPrivate: boolean, resolve: HostResolver = systemResolver): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'url must be an absolute http(s) URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'url must use http or https' };
  if (allowPrivate) return { ok: true, url, pin: null };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  const literal = isIP(host);
  if (literal) {
    addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      return { ok: false, problem: `url host ${host} could not be resolved` };
    }
    if (addresses.length === 0) return { ok: false, problem: `url host ${host} could not be resolved` };
  }
  const bad = addresses.find((a) => isPrivateAddress(a.address));
  if (bad) return { ok: false, problem: `url must not point to a private, loopback or link-local address (${host} is ${bad.address})` };
  return { ok: true, url, pin: addresses[0] };
}

/** Why a notification URL must not be used, or null when it may. Checked when a channel is saved and again before each send. */
export async function urlProblem(raw: string, allowPrivate: boolean, resolve: HostResolver = systemResolver): Promise<string | null> {
  const checked = await checkUrl(raw, allowPrivate, resolve);
  return checked.ok ? null : checked.problem;
}
