import { ErrorResponse, IdParam } from '@app/contracts';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShipmentPage, ShipmentQuery, ShipmentResponse } from './shipments.dto';
import { ShipmentsService } from './shipments.service';

/** Read-only: a shipment is made when its order is confirmed. */
@ApiTags('shipments')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Get()
  @ApiOkResponse({ type: ShipmentPage })
  list(@Query() query: ShipmentQuery) {
    return this.shipments.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<ShipmentResponse> {
    return this.shipments.get(id);
  }
}
