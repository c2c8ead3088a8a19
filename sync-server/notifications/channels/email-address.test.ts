import { describe, expect, it } from 'vitest';
import { emailAddressProblem } from './email.js';

describe('emailAddressProblem', () => {
  it.each([
    'ana@example.org',
    'ana.maria+tickets@mail.example.co.uk',
    "o'brien@example.ie",
    'jürgen@münchen.example',
    `${'a'.repeat(64)}@example.org`,
  ])('accepts %s', (address) => {
    expect(emailAddressProblem(address)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['ana.example.org', 'no "@"'],
    ['@example.org', 'nothing before'],
    ['ana@', 'no domain'],
    ['ana@localhost', 'no dot'],
    ['ana@example.', 'not a valid host name'],
    ['ana@-example.org', 'not a valid host name'],
    ['ana@192.168.0.1', 'ends in a number'],
    ['.ana@example.org', 'two dots'],
    ['an..a@example.org', 'two dots'],
    ['ana maria@example.org', 'space'],
    ['ana@example.org\r\nBcc: x@example.org', 'control character'],
    ['ana\u0000@example.org', 'control character'],
    ['"ana"@example.org', 'character an address cannot have'],
    ['ana<x>@example.org', 'character an address cannot have'],
    [`${'a'.repeat(65)}@example.org`, 'longer than 64'],
    [
      `ana@${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.${'g'.repeat(60)}.example.org`,
      'longer than 254',
    ],
  ])('refuses %j: %s', (address, reason) => {
    expect(emailAddressProblem(address)).toContain(reason);
  });
});
