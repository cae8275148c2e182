import { ValidateBy, ValidationOptions, buildMessage } from 'class-validator';

/**
 * Whitespace (as String.prototype.trim sees it, no-break spaces included) and the invisible
 * zero-width characters: a value made only of these looks empty to whoever reads it.
 */
const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF]*$/;

export function isBlank(value: string): boolean {
  return BLANK.test(value);
}

/**
 * Refuses a string that is empty or made only of spaces, naming the field. The value is kept as given
 * (not trimmed): what is stored is what the client sent, and " Cola" stays distinct from "Cola".
 * Only strings are judged here; the type is left to `@IsString()` and its own message.
 */
export function IsNotBlank(validationOptions?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !isBlank(value),
        defaultMessage: buildMessage((each) => `${each}$property must not be empty or only spaces`, validationOptions),
      },
    },
    validationOptions,
  );
}
