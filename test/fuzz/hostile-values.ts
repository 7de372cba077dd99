import fc from 'fast-check';

/** Strings that have broken services before: NUL, lone surrogates, numbers too big for a bigint, dates PostgreSQL or luxon refuse. */
export const HOSTILE_STRINGS = [
  '\u0000', 'CLM\u0000-1', '\ud800', 'x\udc00y', '\ud83d', '', ' ', '\t\n',
  '99999999999999999999999', '1e308', '-1', '-0', '0', '9007199254740993', 'NaN', 'Infinity', '0x10', '1.5',
  '0001-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '20260101', '+275760-09-13', '1970-01-01T00:00:00Z', '2026-03-16 00:00',
  "' OR 1=1 --", '"; DROP TABLE claims; --', '<script>alert(1)</script>', '../../etc/passwd', '%00', '%ZZ', '%E0%A4%A',
  '__proto__', 'constructor', 'prototype', 'toString', 'null', 'true', '[]', '{}',
  '🚚电池', 'Ａ１', 'ABC', 'a'.repeat(300), 'b'.repeat(5000),
];

export const HOSTILE_NUMBERS = [0, -1, -0, 0.5, -0.5, 1e308, -1e308, 3_000_000_000, -3_000_000_000, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e-300, 123456789012];

/** JSON values of the wrong shape: nesting, huge arrays, prototype keys. */
export function hostileJson(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(null, true, false, [], {}),
    fc.integer({ min: 10, max: 1_500 }).map((depth) => nest(depth)),
    fc.integer({ min: 1_000, max: 20_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
    fc.constant(JSON.parse('{"__proto__": {"role": "admin", "polluted": true}, "constructor": {"prototype": {"x": 1}}}')),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a\u0000', '\ud800', 'hasOwnProperty', ''), fc.constantFrom(1, 'x', null, {}), { maxKeys: 4 }),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

function nest(depth: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

/** Percent-encodes a string for a URL, lone surrogates as their three WTF-8 bytes (what a broken client sends). */
export function encodeSegment(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => '%' + b.toString(16).toUpperCase()).join('');
    else out += encodeURIComponent(ch);
  }
  return out;
}
