import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsInt, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { MAX_ID } from './id-param';
import { IsNotBlank } from './not-blank';
import { IsOptionalField } from './optional-field';

/** Message patterns answered by inventory (request/response over TCP or NATS). */
export const InventoryPatterns = {
  checkStock: 'inventory.stock.check',
  reserveStock: 'inventory.stock.reserve',
  releaseStock: 'inventory.stock.release',
  commitReservation: 'inventory.reservation.commit',
  getReservation: 'inventory.reservation.get',
} as const;

export const MAX_ORDER_LINES = 100;

export class StockLine {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(MAX_ID) product_id!: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(100_000) quantity!: number;
}

abstract class StockLinesCommand {
  @ApiProperty({ type: [StockLine] })
  @ValidateNested({ each: true })
  @Type(() => StockLine)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORDER_LINES)
  lines!: StockLine[];

  /** Where the goods are taken from; the central warehouse when omitted. */
  @ApiPropertyOptional() @IsOptionalField() @IsInt() @Min(1) @Max(MAX_ID) location_id?: number;

  @ApiPropertyOptional() @IsOptionalField() @IsString() @Length(1, 128) correlation_id?: string;
}

export class CheckStockCommand extends StockLinesCommand {}

export class ReserveStockCommand extends StockLinesCommand {
  /** `{saga_id}:RESERVE_STOCK`: repeating the command returns the first outcome. */
  @IsString() @IsNotBlank() @Length(1, 200) idempotency_key!: string;

  /** Who holds the reservation (a saga id), for operators. */
  @IsString() @IsNotBlank() @Length(1, 200) holder!: string;

  /** After this many seconds an unconfirmed reservation is released by itself. */
  @IsOptionalField() @IsInt() @Min(1) @Max(7 * 24 * 3600) ttl_seconds?: number;
}

class ReservationRefCommand {
  @IsString() @IsNotBlank() @Length(1, 200) idempotency_key!: string;

  /** The idempotency key of the reserve command whose reservation is meant. */
  @IsString() @IsNotBlank() @Length(1, 200) reservation_key!: string;

  @IsOptionalField() @IsString() @Length(1, 128) correlation_id?: string;
}

export class ReleaseStockCommand extends ReservationRefCommand {}
export class CommitReservationCommand extends ReservationRefCommand {}

export class GetReservationQuery {
  @IsString() @IsNotBlank() @Length(1, 200) reservation_key!: string;
}

export interface StockLineAvailability {
  product_id: number;
  requested: number;
  available: number;
}

export interface CheckStockReply {
  location_id: number;
  all_available: boolean;
  lines: StockLineAvailability[];
}

export type ReservationStatus = 'ACTIVE' | 'RELEASED' | 'COMMITTED' | 'EXPIRED';

export interface ReservationView {
  reservation_id: number;
  reservation_key: string;
  holder: string;
  location_id: number;
  status: ReservationStatus;
  expires_at: string;
  lines: { product_id: number; quantity: number }[];
}

export type ReserveRejection = 'INSUFFICIENT_STOCK' | 'UNKNOWN_PRODUCT' | 'INACTIVE_PRODUCT' | 'UNKNOWN_LOCATION' | 'CANCELLED';

export type ReserveStockReply =
  | { outcome: 'RESERVED'; reservation: ReservationView }
  | { outcome: 'REJECTED'; reason: ReserveRejection; lines: StockLineAvailability[] };

export type ReservationChangeReply =
  | { outcome: 'RELEASED' | 'COMMITTED' | 'ALREADY_RELEASED' | 'ALREADY_COMMITTED'; reservation: ReservationView }
  | { outcome: 'NOT_FOUND' }
  | { outcome: 'REJECTED'; reason: 'RESERVATION_COMMITTED' | 'RESERVATION_RELEASED'; reservation: ReservationView };

export type GetReservationReply = { found: true; reservation: ReservationView } | { found: false };
