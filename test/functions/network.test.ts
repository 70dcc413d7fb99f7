/** IP, hash and unit functions: values from the real-engine cases (ids). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { json, value } from './scalar.js';

describe('IP functions', () => {
  it('IPv4 compare, match and ranges [ipv4-compare-*, ipv4-is-match-*, ipv4-is-in-range-function-00]', async () => {
    assert.equal(await value("ipv4_compare('192.168.1.1/24', '192.168.1.255')"), 0n);
    assert.equal(await value("ipv4_compare('192.168.1.1', '192.168.1.0', 31)"), 0n);
    assert.equal(await value("ipv4_compare('10.0.0.2', '10.0.0.1')"), 1n);
    assert.equal(await value("ipv4_is_match('192.168.1.1', '192.168.1.255', 24)"), true);
    assert.equal(await value("ipv4_is_in_range('192.168.1.1', '192.168.1.255/24')"), true);
    assert.equal(
      await value('ipv4_is_in_any_range("127.0.0.1", dynamic(["127.0.0.1", "192.168.1.1"]))'),
      true,
    );
    assert.equal(await value("ipv4_is_private('10.1.2.3/24')"), true);
    assert.equal(await value("ipv4_is_private('202.1.2.3')"), false);
  });

  it('parse and format IPv4 [parse-ipv4-*, format-ipv4-function-00, ipv4-netmask-suffix-function-00]', async () => {
    assert.equal(await value("parse_ipv4('192.168.1.1/24')"), 3232235776n);
    assert.equal(await value('parse_ipv4_mask("127.0.0.1", 24)'), 2130706432n);
    assert.equal(await value("format_ipv4_mask('192.168.1.1/24', 32)"), '192.168.1.0/24');
    assert.equal(await value("format_ipv4('192.168.1.1', 24)"), '192.168.1.0');
    assert.equal(await value("format_ipv4('192.168.1.1/24', -1)"), '');
    assert.equal(Number(await value("ipv4_netmask_suffix('127.0.0.1/16')")), 16);
    assert.deepEqual(await json('ipv4_range_to_cidr_list("1.1.128.0", "1.1.140.255")'), [
      '1.1.128.0/21',
      '1.1.136.0/22',
      '1.1.140.0/24',
    ]);
  });

  it('has_ipv4 needs a valid, delimited address [has-ipv4-function-01/02, has-ipv4-prefix-function-00..03]', async () => {
    const log = "'05:04:54 127.0.0.1 GET /favicon.ico 404'";
    assert.equal(await value(`has_ipv4(${log}, '127.0.0.1')`), true);
    assert.equal(await value("has_ipv4('05:04:54127.0.0.1 GET', '127.0.0.1')"), false);
    assert.equal(await value("has_ipv4('x 127.0.0.256 y', '127.0.0.256')"), false);
    assert.equal(await value(`has_ipv4_prefix(${log}, '127.0.')`), true);
    assert.equal(await value(`has_ipv4_prefix(${log}, '127.0')`), false);
    assert.equal(await value(`has_any_ipv4(${log}, dynamic(['127.0.0.1', '127.0.0.2']))`), true);
  });

  it('IPv6 [parse-ipv6-function-00, parse-ipv6-mask-function-00, ipv6-compare-function-01]', async () => {
    assert.equal(await value("parse_ipv6('192.168.255.255/24')"), '0000:0000:0000:0000:0000:ffff:c0a8:ff00');
    assert.equal(
      await value("parse_ipv6_mask('fe80::85d:e82c:9446:7994/120', 124)"),
      'fe80:0000:0000:0000:085d:e82c:9446:7900',
    );
    assert.equal(
      await value("parse_ipv6_mask('::192.168.255.255/24', 128)"),
      '0000:0000:0000:0000:0000:0000:c0a8:ff00',
    );
    assert.equal(
      await value("ipv6_compare('fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127)"),
      0n,
    );
    assert.equal(await value("ipv6_is_match('192.168.1.1', '::ffff:c0a8:0101')"), true);
    assert.equal(
      await value(
        "ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112')",
      ),
      true,
    );
  });
});

describe('hash functions', () => {
  it('hash / hash_xxhash64 is XXH64 of UTF-8 or of .NET ticks [hash-function-01/02, hash-xxhash64-function-00]', async () => {
    assert.equal(await value('hash_xxhash64("World")'), 1846988464401551951n);
    assert.equal(await value('hash("Hello")'), 753694413698530628n);
    assert.equal(await value('hash("World", 100)'), 51n);
    assert.equal(await value('hash(datetime("2015-01-01"))'), 1380966698541616202n);
  });

  it('md5 and sha1 of the text form [hash-md5-function-00, hash-sha1-function-00]', async () => {
    assert.equal(await value('hash_md5("World")'), 'f5a7924e621e84c9280a9a27e1bcb7f6');
    assert.equal(await value('hash_md5(datetime(2020-01-01))'), '786c530672d1f8db31fee25ea8a9390b');
    assert.equal(await value('hash_sha1("World")'), '70c07ec18ef89c5309bbb0937f3a6342411e1fdd');
  });
});

describe('unit conversions', () => {
  const close = (a: unknown, b: number) =>
    assert.ok(Math.abs((a as number) - b) <= 1e-9 * Math.abs(b), `${a} != ${b}`);
  it('converts between units [convert-*-function-00]', async () => {
    close(await value("convert_angle(1.2, 'Degree', 'Arcminute')"), 72);
    close(await value("convert_energy(1.2, 'Joule', 'BritishThermalUnit')"), 0.0011373805443759806);
    close(await value("convert_force(1.2, 'Newton', 'Decanewton')"), 0.12);
    close(await value("convert_length(1.2, 'Meter', 'Foot')"), 3.9370078740157477);
    close(await value("convert_mass(1.2, 'Kilogram', 'Pound')"), 2.6455471462185307);
    close(await value("convert_speed(1.2, 'MeterPerSecond', 'CentimeterPerHour')"), 432000);
    close(await value("convert_temperature(1.2, 'Kelvin', 'DegreeCelsius')"), -271.95);
    close(await value("convert_volume(1.2, 'CubicMeter', 'AcreFoot')"), 0.0009728568);
    assert.equal(await value("convert_length(1, 'Meter', 'constructor')"), null);
  });
});
