import { MAX_ID } from '@app/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class ProductIdParam {
  @ApiProperty({ example: 1 }) @Type(() => Number) @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
}
