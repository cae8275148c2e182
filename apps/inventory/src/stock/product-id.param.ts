import { MAX_ID, ToInteger } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class ProductIdParam {
  @ApiProperty({ example: 1 }) @ToInteger() @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
}
