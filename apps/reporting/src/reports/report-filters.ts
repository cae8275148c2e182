import { RequestValidationException } from '@app/bootstrap';
import { MAX_ID, ToInteger } from '@app/contracts';
import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Channel } from '../read-model/read-model.entities';
import { Period, PeriodQuery } from './report-period';
import { FactFilter } from './sales-facts.repository';

export const CHANNEL_FILTERS = ['all', 'in_store', 'online'] as const;
export type ChannelFilter = (typeof CHANNEL_FILTERS)[number];

/** `?x=` as a positive id, so that a bad one is a 400 naming it. */
export function IdFilter(description: string) {
  return applyDecorators(
    ApiPropertyOptional({ description, example: 1 }),
    IsOptional(),
    ToInteger(),
    IsInt(),
    Min(1),
    Max(MAX_ID),
  );
}

export class SalesFilterQuery extends PeriodQuery {
  @IdFilter('Only this store (its till sales: online orders have no store)') store_id?: number;

  @ApiPropertyOptional({ enum: CHANNEL_FILTERS, default: 'all', description: 'in_store: till sales; online: confirmed orders' })
  @IsOptional()
  @IsIn(CHANNEL_FILTERS)
  channel?: ChannelFilter;

  @IdFilter("Only products of this category (the product's current category)") category_id?: number;
}

/** The facts a sales query covers; a store filter with the online channel is a contradiction, refused. */
export function factFilter(query: SalesFilterQuery, period: Period): FactFilter {
  const channel: Channel | undefined = query.channel === 'all' ? undefined : query.channel;
  if (query.store_id !== undefined && channel === 'online') {
    throw new RequestValidationException([
      { field: 'channel', problems: ['online sales have no store: leave out store_id or use channel=in_store'] },
    ]);
  }
  return {
    from: period.from,
    to: period.to,
    storeId: query.store_id,
    channel: query.store_id !== undefined ? 'in_store' : channel,
    categoryId: query.category_id,
  };
}
