import { jsonLimitProblem } from './json-limits';

const limits = { maxDepth: 4, maxKeys: 3 };
const check = (text: string) => jsonLimitProblem(Buffer.from(text, 'utf8'), limits);

describe('jsonLimitProblem', () => {
  it('accepts bodies at the limits', () => {
    expect(check('[[[{"a":1}]]]')).toBeUndefined();
    expect(check('{"a":1,"b":{"c":2,"d":3,"e":4},"f":[1,2,3,4,5,6,7,8]}')).toBeUndefined();
    expect(check('[' + Array.from({ length: 1000 }, () => '{"a":1,"b":2,"c":3}').join(',') + ']')).toBeUndefined();
  });

  it('refuses nesting one level deeper than the limit, arrays and objects alike', () => {
    expect(check('[[[[[]]]]]')).toBe('body nests deeper than 4 levels');
    expect(check('{"a":{"b":{"c":{"d":{}}}}}')).toBe('body nests deeper than 4 levels');
  });

  it('refuses an object with more keys than the limit, wherever it is', () => {
    expect(check('{"a":1,"b":2,"c":3,"d":4}')).toBe('body has an object with more than 3 keys');
    expect(check('[{"a":1},{"x":{"a":1,"b":2,"c":3,"d":4}}]')).toBe('body has an object with more than 3 keys');
  });

  it('counts keys per object: siblings and parents keep their own counts', () => {
    expect(check('{"a":{"x":1,"y":2,"z":3},"b":{"x":1,"y":2,"z":3},"c":3}')).toBeUndefined();
  });

  it('ignores brackets, braces, colons and escaped quotes inside strings', () => {
    expect(check('{"a":"[[[[[{{{{{:::::","b":"\\"[[[[[[[\\\\","c":"é{ü:"}')).toBeUndefined();
  });
});
