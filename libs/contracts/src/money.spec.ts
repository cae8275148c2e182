import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsMoney } from './money';

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

  it.each(['abc', '1.234', '-1', '', ' 1', '1e3', 1e21, 0.30000000000000004, Number.NaN, null, true, '12345678901'])('rejects %p', (input) => {
    expect(parse(input).errors).toBe(1);
  });
});
