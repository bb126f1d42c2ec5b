import { neutraliseCsvText } from './csv-formula';

describe('neutraliseCsvText', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
  ])('prefixes %j with an apostrophe', (value, expected) => {
    expect(neutraliseCsvText(value)).toBe(expected);
  });

  it.each(['gpt-4o', 'a=b', 'x-1', 'mail@example.test', '', "'quoted", ' =1'])('leaves %j as it is', (value) => {
    expect(neutraliseCsvText(value)).toBe(value);
  });
});
