import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ToInteger } from './integer-param';

export const MAX_ID = 2_147_483_647;

/** `/{id}` path parameter: a positive 32-bit integer, so a bad id is a 400 and not a database error. */
export class IdParam {
  @ApiProperty({ example: 1 })
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  id!: number;
}
