import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ToInteger } from './integer-param';

const MAX_PAGE_SIZE = 100;

/** `limit`/`offset` query parameters shared by every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 20;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @ToInteger()
  @IsInt()
  @Min(0)
  offset: number = 0;
}

export interface Page<T> {
  data: T[];
  total: number;
  limit: number;
  offset: number;
}

export class PageMeta {
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}

export function pageOf<T>(data: T[], total: number, query: PageQuery): Page<T> {
  return { data, total, limit: query.limit, offset: query.offset };
}

/** A repository's page (`[rows, total]`, as `findAndCount` gives it) as the API's page of responses. */
export function pageOfRows<Row, T>([rows, total]: [Row[], number], query: PageQuery, toResponse: (row: Row) => T): Page<T> {
  return pageOf(rows.map(toResponse), total, query);
}
