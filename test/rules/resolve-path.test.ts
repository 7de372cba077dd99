import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Almanac, type PathResolver } from 'json-rules-engine';
import { resolvePath } from '../../src/rules/rule-engines.js';

const jsonPath = (new Almanac() as unknown as { pathResolver: PathResolver }).pathResolver;

describe('resolvePath', () => {
  it('reads the plain paths rules use exactly as JSONPath does', () => {
    const evidence = { photos: 0, faultStatePreserved: null, priorConsent: false, nested: { capacityPct: 58 }, list: [1, 2], one: [5] };
    for (const path of ['$.photos', '$.faultStatePreserved', '$.priorConsent', '$.nested.capacityPct', '$.list', '$.one', '$.missing', '$.nested.missing', '$.faultStatePreserved.x', '$.photos.x', '$.constructor', '$.toString', '$.__proto__', '$.list.length', '$.list[0]', '$..capacityPct']) {
      expect(resolvePath(evidence, path), path).toEqual(jsonPath(evidence, path));
    }
  });

  it('agrees with JSONPath on arbitrary JSON and plain paths', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'withinTerm', 'length');
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 3 })), fc.array(key, { minLength: 1, maxLength: 3 }), (value, keys) => {
        const path = `$.${keys.join('.')}`;
        expect(resolvePath(value, path)).toEqual(jsonPath(value, path));
      }),
    );
  });
});
