// Which client an anonymous web hold counts against: an IPv6 subscriber's many addresses are one.
import { describe, expect, it } from 'vitest';
import { addressNetwork, clientKeyOf } from './hold-limits.js';

describe('hold client keys', () => {
  it('counts an IPv4 address as itself, also when IPv4-mapped', () => {
    expect(addressNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(addressNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one client', () => {
    const a = addressNetwork('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(addressNetwork('2001:0db8:0001:0002::1')).toBe(a);
    expect(addressNetwork('2001:db8:1:2::ffff:1')).toBe(a);
    expect(addressNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressNetwork('2001:db8:1:3::1')).not.toBe(a);
    expect(addressNetwork('::1')).toBe('0:0:0:0::/64');
  });

  it('keys a signed-in customer by id and an anonymous one by a digest, never the address', () => {
    expect(clientKeyOf({ customerId: 'c1', address: '203.0.113.7' })).toBe('customer:c1');
    const key = clientKeyOf({ customerId: null, address: '2001:db8:1:2::5' });
    expect(key).toBe(clientKeyOf({ customerId: null, address: '2001:db8:1:2::9' }));
    expect(key).toMatch(/^address:[0-9a-f]{32}$/);
  });
});
