/* eslint-disable no-script-url -- script URLs are the hostile input under test */
import { unsafeUrls } from '../__testUtils__/urls';
import { mailtoUrl, safeUrl } from './safeUrl';

describe('safeUrl', () => {
  it.each([
    ['https://example.org/terms', 'https://example.org/terms'],
    ['http://example.org/terms?x=1#y', 'http://example.org/terms?x=1#y'],
    ['HTTPS://Example.org/terms', 'https://example.org/terms'],
    ['mailto:ana@example.org', 'mailto:ana@example.org'],
    ['  https://example.org/terms\n', 'https://example.org/terms'],
    ['\thttps://example.org/terms', 'https://example.org/terms'],
  ])('keeps %j as %j', (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });

  it.each(unsafeUrls)('refuses %s', (_, url) => {
    expect(safeUrl(url)).toBeUndefined();
  });

  it.each([
    ['a control character inside', 'https://example.org/\u0000terms'],
    ['a line break inside', 'https://exa\nmple.org/terms'],
    ['a DEL character', 'https://example.org/\u007fterms'],
    ['an ftp URL', 'ftp://example.org/terms'],
    ['a file URL', 'file:///etc/passwd'],
    ['a relative path', 'terms.html'],
    ['an in-app path', '/catalog/default/dataset/x'],
    ['nothing but space', '   '],
    ['nothing', ''],
    ['not a string', 42],
    ['undefined', undefined],
  ])('refuses %s', (_, url) => {
    expect(safeUrl(url)).toBeUndefined();
  });
});

describe('mailtoUrl', () => {
  it('makes a mailto URL of one plain address', () => {
    expect(mailtoUrl(' ana@example.org ')).toBe('mailto:ana@example.org');
  });

  it.each([
    'javascript:alert(1)@example.org',
    'ana@example.org?bcc=all@example.org',
    'ana@example.org, ben@example.org',
    'ana@example.org\nBcc: all@example.org',
    'ana\u0000@example.org',
    'no-at-sign',
    '@example.org',
    'ana@',
  ])('refuses %j', address => {
    expect(mailtoUrl(address)).toBeUndefined();
  });
});
