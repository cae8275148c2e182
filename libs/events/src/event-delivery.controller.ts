import { EventDeliveryReply, EventEnvelope, SERVICE_NAMES, ServiceName, eventDeliveryPattern } from '@app/contracts';
import { Controller, Type } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IsIn, IsInt, IsISO8601, IsObject, IsString, IsUUID, Length, Min } from 'class-validator';
import { IsOptionalField } from '@app/contracts';
import { EventInbox } from './event-inbox';

export class EventEnvelopeDto {
  @IsUUID() event_id!: string;
  @IsString() @Length(1, 100) type!: EventEnvelope['type'];
  @IsInt() @Min(1) version!: number;
  @IsIn(SERVICE_NAMES) source!: ServiceName;
  @IsISO8601() occurred_at!: string;
  @IsOptionalField() @IsString() @Length(1, 128) correlation_id?: string;
  @IsObject() payload!: EventEnvelope['payload'];
}

/** The controller that receives `consumer`'s deliveries (its pattern names the consumer). */
export function eventDeliveryController(consumer: ServiceName): Type<unknown> {
  @Controller()
  class EventDeliveryController {
    constructor(readonly inbox: EventInbox) {}

    @MessagePattern(eventDeliveryPattern(consumer))
    deliver(@Payload() event: EventEnvelopeDto): Promise<EventDeliveryReply> {
      return this.inbox.apply(event as EventEnvelope);
    }
  }
  return EventDeliveryController;
}
