import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { IsNotBlank } from './not-blank';

class Named {
  @IsString() @IsNotBlank() name!: unknown;
}

const problemsOf = (name: unknown) =>
  validateSync(plainToInstance(Named, { name })).flatMap((error) => Object.values(error.constraints ?? {}));

describe(IsNotBlank.name, () => {
  it.each(['', ' ', '   ', '\t', '\n\r', '\u00a0', '\u2003', '\u200b', '\ufeff', ' \u200b\u00a0 '])(
    'refuses %j naming the field',
    (name) => {
      expect(problemsOf(name)).toEqual(['name must not be empty or only spaces']);
    },
  );

  it.each(['a', ' Cola ', '0', 'Café', '\u200bx'])('accepts %j', (name) => {
    expect(problemsOf(name)).toEqual([]);
  });

  it('leaves the type to @IsString()', () => {
    expect(problemsOf(42)).toEqual(['name must be a string']);
  });
});
