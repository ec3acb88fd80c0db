import { isIP } from 'node:net';

/**
 * An address in one canonical spelling, so that "2001:DB8::1" and "2001:db8:0:0:0:0:0:1" are one IP
 * in the profile and in the velocity windows. IPv4-mapped IPv6 (::ffff:1.2.3.4, what a dual-stack
 * socket reports for an IPv4 client) becomes the IPv4 address; a zone id (%eth0) is dropped because it
 * names an interface on the server, not the client. Returns undefined for anything that is not an IP.
 */
export function canonicalIp(ip: string): string | undefined {
  const version = isIP(ip);
  if (version === 4) return ip;
  if (version !== 6) return undefined;
  const groups = ipv6Groups(ip);
  if (!groups) return undefined;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const hi = groups[6] as number;
    const lo = groups[7] as number;
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return groups.map((g) => g.toString(16)).join(':');
}

/**
 * The network an address belongs to, as a key: the /24 of an IPv4 address, the /48 of an IPv6 one
 * (a site's allocation; a home or office keeps its /48 while its /64s and host bits rotate).
 * The input must be canonical (see canonicalIp).
 */
export function networkOf(canonical: string): string {
  if (canonical.includes('.')) {
    const last = canonical.lastIndexOf('.');
    return `${canonical.slice(0, last)}.0/24`;
  }
  const parts = canonical.split(':');
  return `${parts.slice(0, 3).join(':')}::/48`;
}

/** The eight 16-bit groups of an IPv6 address that net.isIP accepted (with "::" and a dotted tail). */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const lastColon = text.lastIndexOf(':');
  const dotted = text.slice(lastColon + 1);
  if (dotted.includes('.')) {
    // A dotted tail is the last two groups written as IPv4: rewrite it in hex and parse as usual.
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  const parse = (s: string): number[] => (s === '' ? [] : s.split(':').map((g) => Number.parseInt(g, 16)));
  const head = parse(halves[0] ?? '');
  const rest = halves.length > 1 ? parse(halves[1] ?? '') : [];
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 && fill !== 0) return undefined;
  if (fill < 0) return undefined;
  const groups = [...head, ...new Array<number>(halves.length > 1 ? fill : 0).fill(0), ...rest];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}
