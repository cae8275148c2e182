import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One field that failed validation: `field` is a dotted path, e.g. `lines.0.quantity`. */
export class FieldError {
  @ApiProperty({ example: 'price' }) field!: string;
  @ApiProperty({ example: ['price must be a decimal number with at most 2 decimal places'] })
  problems!: string[];
}

/** The body of every 4xx/5xx answer of every service. */
export class ErrorResponse {
  @ApiProperty({ example: 400 }) status_code!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'Validation failed' }) message!: string;
  @ApiPropertyOptional({ example: 'PRODUCT_NOT_FOUND', description: 'Machine-readable reason' }) code?: string;
  @ApiPropertyOptional({ type: [FieldError] }) errors?: FieldError[];
  @ApiPropertyOptional({ description: 'Identifier of a logged server error' }) error_id?: string;
}
