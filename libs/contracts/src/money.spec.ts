import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsMoney, cents, money } from './money';

class Priced {
  @IsMoney() price!: unknown;
}

const parse = (price: unknown) => {
  const instance = plainToInstance(Priced, { price });
  return { price: instance.price, errors: validateSync(instance).length };
};

describe(IsMoney.name, () => {
  it.each([
    ['12.5', '12.50'],
    ['12', '12.00'],
    ['0.1', '0.10'],
    [12.5, '12.50'],
    [0, '0.00'],
    ['9999999999.99', '9999999999.99'],
  ])('keeps %p as the exact string %p', (input, expected) => {
    expect(parse(input)).toEqual({ price: expected, errors: 0 });
  });

  it.each([
    'abc',
    '1.234',
    '-1',
    '',
    ' ',
    ' 1',
    '1e3',
    1e21,
    0.30000000000000004,
    'NaN',
    'Infinity',
    '-Infinity',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    null,
    true,
    '12345678901',
  ])('rejects %p', (input) => {
    expect(parse(input).errors).toBe(1);
  });
});

describe('cents and money', () => {
  it.each([
    ['0.10', 10n],
    ['12.5', 1250n],
    ['12', 1200n],
    ['-3.05', -305n],
    ['9999999999.99', 999999999999n],
  ])('%s is %s cents and back', (text, value) => {
    expect(cents(text)).toBe(value);
    expect(money(value)).toBe(Number(text).toFixed(2));
  });

  it('adds without floating-point error', () => {
    expect(money(cents('0.10') + cents('0.20'))).toBe('0.30');
  });
});
