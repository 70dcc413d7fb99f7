/** String, encoding and parsing functions: values from the real-engine cases (ids) and the docs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { json, value } from './scalar.js';

describe('string functions', () => {
  it('indexof bounds where a match starts [indexof-function-00]', async () => {
    assert.equal(await value('indexof("abcdefg","cde",1,2)'), 2n);
    assert.equal(await value('indexof("abcdefg","cde",3,4)'), -1n);
    assert.equal(await value('indexof("abcdefg","cde",-5)'), 2n);
    assert.equal(await value('indexof(1234567,5,1,4)'), 4n);
    assert.equal(await value('indexof("abcdefgabcdefg", "cde", 1, 10, 2)'), 9n);
  });

  it('substring with a negative start (substring-function.md)', async () => {
    assert.equal(await value('substring("123456", -2, 2)'), '56');
    assert.equal(await value('substring("123456", 1)'), '23456');
  });

  it('replace_strings: earlier lookups win, replaced text is not replaced again [replace-strings-function-00..03]', async () => {
    const m = '"This is an example of using replace_strings()"';
    assert.equal(
      await value(`replace_strings(${m}, dynamic(['This', 'is']), dynamic(['This', 'was']))`),
      'This was an example of using replace_strings()',
    );
    assert.equal(
      await value(`replace_strings(${m}, dynamic(['is', 'This']), dynamic(['was', 'This']))`),
      'Thwas was an example of using replace_strings()',
    );
    assert.equal(
      await value(`replace_strings(${m}, dynamic(['This', 'is']), dynamic([12345, 'was']))`),
      'This was an example of using replace_strings()',
    );
    assert.equal(
      await value(
        'replace_strings("A magic trick can turn a cat into a dog", dynamic(["cat", "dog"]), dynamic(["dog", "pigeon"]))',
      ),
      'A magic trick can turn a dog into a pigeon',
    );
  });

  it('strcat_array, string_size, strcmp, translate [strcat-array-function-00, string-size-function-01]', async () => {
    assert.equal(await value('strcat_array(dynamic([1, 2, 3]), "->")'), '1->2->3');
    assert.equal(await value('string_size("⒦⒰⒮⒯⒪")'), 15n);
    assert.equal(await value('strcmp("a", "b")'), -1n);
    assert.equal(await value('translate("abc", "x", "abcabc")'), 'xxxxxx');
  });

  it('has_any_index and unicode code points [has-any-index-function-00, unicode-codepoints-*]', async () => {
    assert.equal(await value("has_any_index('this is an example', dynamic(['not', 'example']))"), 1n);
    assert.equal(await value("has_any_index('Example number 2', range(1, 3, 1))"), 1n);
    assert.deepEqual(await json('unicode_codepoints_from_string("Kusto")'), [75, 117, 115, 116, 111]);
    assert.equal(await value('unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111)'), 'Kusto');
  });
});

describe('encodings', () => {
  it('base64 of strings, bytes and guids [base64-*]', async () => {
    assert.equal(await value('base64_encode_tostring("Kusto")'), 'S3VzdG8=');
    assert.equal(await value('base64_decode_tostring("S3VzdG8=")'), 'Kusto');
    assert.equal(await value('base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")'), '');
    assert.deepEqual(await json('base64_decode_toarray("S3VzdG8=")'), [75, 117, 115, 116, 111]);
    assert.equal(
      await value('base64_decode_toguid("JpbpECu8dUy7Pv5gbeJXAA==")'),
      '10e99626-bc2b-4c75-bb3e-fe606de25700',
    );
    assert.equal(
      await value('base64_encode_fromguid(toguid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"))'),
      '8jMxriJurkmwahbmqbIS6w==',
    );
  });

  it('URL encoding [url-encode-function-00, url-encode-component-function-00, url-decode-function-00]', async () => {
    assert.equal(
      await value("url_encode('https://www.bing.com/hello world')"),
      'https%3a%2f%2fwww.bing.com%2fhello+world',
    );
    assert.equal(
      await value("url_encode_component('https://www.bing.com/hello world/')"),
      'https%3a%2f%2fwww.bing.com%2fhello%20world%2f',
    );
    assert.equal(await value("url_decode('https%3a%2f%2fwww.bing.com%2f')"), 'https://www.bing.com/');
  });

  it('gzip and zlib to base64 [gzip-base64-compress-00, zlib-base64-decompress-function-00/01]', async () => {
    assert.equal(
      await value('gzip_compress_to_base64_string("1234567890qwertyuiop")'),
      'H4sIAAAAAAAA/wEUAOv/MTIzNDU2Nzg5MHF3ZXJ0eXVpb3A6m7f2FAAAAA==',
    );
    assert.equal(
      await value('zlib_decompress_from_base64_string("eJwLSS0uUSguKcrMS1cwNDIGACxqBQ4=")'),
      'Test string 123',
    );
    assert.equal(await value('zlib_decompress_from_base64_string("x0x0x0")'), '');
  });

  it('punycode [punycode-from-string-function-00, punycode-domain-from-string-function-00]', async () => {
    assert.equal(await value("punycode_from_string('académie-française')"), 'acadmie-franaise-npb1a');
    assert.equal(await value("punycode_to_string('acadmie-franaise-npb1a')"), 'académie-française');
    assert.equal(await value('punycode_domain_from_string("xn--Ge-mia.Bulg.edu")'), 'Gáe.Bulg.edu');
  });
});

describe('parsers and conversions', () => {
  it('parse_path [parse-path-function-00]', async () => {
    assert.deepEqual(await json('parse_path("file://C:/temp/file.txt:some.exe")'), {
      Scheme: 'file',
      RootPath: 'C:/',
      DirectoryPath: 'C:/temp',
      DirectoryName: 'temp',
      Filename: 'file.txt',
      Extension: 'txt',
      AlternateDataStreamName: 'some.exe',
    });
  });

  it('parse_urlquery, parse_csv, parse_command_line, parse_version [parse-*-function-*]', async () => {
    assert.deepEqual(await json('parse_urlquery("k1=v1&k2=v2")'), {
      'Query Parameters': { k1: 'v1', k2: 'v2' },
    });
    assert.deepEqual(await json('parse_csv(\'record1,a,"b,c"\\nrecord2,x\')'), ['record1', 'a', 'b,c']);
    assert.deepEqual(await json('parse_command_line("echo \\"hello world!\\"", "windows")'), [
      'echo',
      'hello world!',
    ]);
    // decimal is held as a double here (Kusto's has 34 digits): the nearest double to 1000000020000000300000004.
    assert.equal(await value('parse_version("1.2.3.4")'), Number('1000000020000000300000004'));
  });

  it('tohex and format_bytes [binary-all-and-aggregation-function-00, format-bytes-function-00]', async () => {
    assert.equal(await value('tohex(256)'), '100');
    assert.equal(await value('tohex(-546)'), 'fffffffffffffdde');
    assert.equal(await value('format_bytes(564)'), '564 Bytes');
    assert.equal(await value('format_bytes(10332, 1)'), '10.1 KB');
    assert.equal(await value('format_bytes(20010332, 2)'), '19.08 MB');
    assert.equal(await value('format_bytes(20010332, 0, "KB")'), '19541 KB');
  });
});
