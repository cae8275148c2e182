import { plainToInstance } from 'class-transformer';
import { IsInt, validateSync } from 'class-validator';
import { ToInteger } from './integer-param';

class Query {
  @ToInteger() @IsInt() limit!: unknown;
}

const parse = (limit: unknown) => {
  const query = plainToInstance(Query, { limit });
  return { limit: query.limit, valid: validateSync(query).length === 0 };
};

describe(ToInteger.name, () => {
  it.each([
    ['7', 7],
    ['007', 7],
    ['-3', -3],
    ['2147483647', 2147483647],
  ])('reads %j as %p', (text, value) => {
    expect(parse(text)).toEqual({ limit: value, valid: true });
  });

  it.each(['', ' ', ' 7', '7 ', 'NaN', 'Infinity', '-Infinity', '1e3', '0x10', '1.5', '+7', 'seven', ['1', '2']])(
    'leaves %j for @IsInt() to refuse',
    (text) => {
      expect(parse(text)).toEqual({ limit: text, valid: false });
    },
  );
});
