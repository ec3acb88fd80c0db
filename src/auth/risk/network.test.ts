import { describe, expect, it } from 'vitest';
import { canonicalIp, networkOf } from './network.js';

describe('canonicalIp', () => {
  it('keeps IPv4 and spells IPv6 one way', () => {
    expect(canonicalIp('203.0.113.7')).toBe('203.0.113.7');
    expect(canonicalIp('2001:DB8::1')).toBe('2001:db8:0:0:0:0:0:1');
    expect(canonicalIp('2001:db8:0:0:0:0:0:1')).toBe('2001:db8:0:0:0:0:0:1');
    expect(canonicalIp('::')).toBe('0:0:0:0:0:0:0:0');
    expect(canonicalIp('::1')).toBe('0:0:0:0:0:0:0:1');
    expect(canonicalIp('fe80::1%eth0')).toBe('fe80:0:0:0:0:0:0:1');
    expect(canonicalIp('2001:db8::1.2.3.4')).toBe('2001:db8:0:0:0:0:102:304');
  });
  it('turns IPv4-mapped IPv6 into IPv4', () => {
    expect(canonicalIp('::ffff:198.51.100.9')).toBe('198.51.100.9');
    expect(canonicalIp('::FFFF:c633:6409')).toBe('198.51.100.9');
  });
  it('refuses what is not an IP', () => {
    for (const bad of ['', 'localhost', '1.2.3', '1.2.3.256', '01.2.3.4', ' 1.2.3.4', '1::2::3']) {
      expect(canonicalIp(bad)).toBeUndefined();
    }
  });
});

describe('networkOf', () => {
  it('gives the /24 of IPv4 and the /48 of IPv6', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2:0:0:0:1')).toBe('2001:db8:1::/48');
  });
});
