import {
  EventDelivery,
  EventDeliveryReply,
  EventEnvelope,
  MAX_EVENTS_PER_DELIVERY,
  SERVICE_NAMES,
  ServiceName,
  eventDeliveryPattern,
} from '@app/contracts';
import { Controller, Type as ClassType } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalField } from '@app/contracts';
import { EventInbox } from './event-inbox';

class EventEnvelopeDto {
  @IsUUID() event_id!: string;
  @IsString() @Length(1, 100) type!: EventEnvelope['type'];
  @IsInt() @Min(1) version!: number;
  @IsIn(SERVICE_NAMES) source!: ServiceName;
  @IsISO8601() occurred_at!: string;
  @IsOptionalField() @IsString() @Length(1, 128) correlation_id?: string;
  @IsObject() payload!: EventEnvelope['payload'];
}

class EventDeliveryDto implements EventDelivery {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS_PER_DELIVERY)
  @ValidateNested({ each: true })
  @Type(() => EventEnvelopeDto)
  events!: EventEnvelopeDto[];
}

/** The controller that receives `consumer`'s deliveries (its pattern names the consumer). */
export function eventDeliveryController(consumer: ServiceName): ClassType<unknown> {
  @Controller()
  class EventDeliveryController {
    constructor(readonly inbox: EventInbox) {}

    @MessagePattern(eventDeliveryPattern(consumer))
    deliver(@Payload() delivery: EventDeliveryDto): Promise<EventDeliveryReply> {
      return this.inbox.applyAll(delivery.events);
    }
  }
  return EventDeliveryController;
}
