import { applyDecorators } from '@nestjs/common';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { Transform, plainToInstance } from 'class-transformer';
import { IsString, ValidateNested, ValidationArguments, registerDecorator } from 'class-validator';
import { AddressDto } from './address';
import { isBlank } from './not-blank';

const MAX_ADDRESS_TEXT_LENGTH = 500;

/**
 * An order's shipping or billing address: one free-form line as the seed document sends it ("123 Main St"),
 * kept exactly as given, or the structured AddressDto.
 */
export type OrderAddress = string | AddressDto;

/**
 * A string address while a request is validated. class-validator's nested validation (which names a bad
 * structured address's fields, `billing_address.country`) refuses anything but objects, so a string travels
 * wrapped; `orderAddressOf` unwraps it, and JSON (a saga's stored request, a command) shows the plain string.
 */
export class AddressText {
  @IsString() readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  toJSON(): string {
    return this.text;
  }
}

/** What an order-address field holds once validated. */
export type OrderAddressInput = AddressText | AddressDto;

export function orderAddressOf(input: OrderAddressInput): OrderAddress {
  return input instanceof AddressText ? input.text : input;
}

function problemOf(value: unknown, field: string): string | undefined {
  if (value instanceof AddressDto) return undefined;
  if (!(value instanceof AddressText)) {
    return `${field} must be an address: a string, or an object with street, city, postal_code and country`;
  }
  if (isBlank(value.text)) return `${field} must not be empty or blank`;
  if (value.text.length > MAX_ADDRESS_TEXT_LENGTH) return `${field} must be at most ${MAX_ADDRESS_TEXT_LENGTH} characters`;
  return undefined;
}

/**
 * A shipping or billing address: a non-blank string of at most 500 characters, or an AddressDto (its fields
 * validated as such). The OpenAPI schema is the union (oneOf), so generated clients see both forms.
 * The class using it needs `@ApiExtraModels(AddressDto)` when nothing else there refers to AddressDto.
 */
export function IsOrderAddress(description?: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description,
      oneOf: [
        { type: 'string', minLength: 1, maxLength: MAX_ADDRESS_TEXT_LENGTH, example: '123 Main St' },
        { $ref: getSchemaPath(AddressDto) },
      ],
    }),
    Transform(
      ({ value }): unknown => {
        if (typeof value === 'string') return new AddressText(value);
        // A plain object (not an array, not null) is a structured address; anything else is refused as it is.
        if (typeof value === 'object' && value !== null && !Array.isArray(value)) return plainToInstance(AddressDto, value);
        return value;
      },
      { toClassOnly: true },
    ),
    ValidateNested(),
    // The message depends on what is wrong (not a string or object, blank, too long): one validator, two functions.
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isOrderAddress',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown, args: ValidationArguments) => problemOf(value, args.property) === undefined,
          defaultMessage: (args: ValidationArguments) => problemOf(args.value, args.property) ?? '',
        },
      }),
  );
}

/** An order address in a response: the string as given, or the structured address. */
export function ApiOrderAddress(description = 'As given: a string, or a structured address'): PropertyDecorator {
  return ApiProperty({ description, oneOf: [{ type: 'string' }, { $ref: getSchemaPath(AddressDto) }] });
}
