import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  CreateRestockRequestDto,
  DecideRestockRequestDto,
  RestockRequestPage,
  RestockRequestQuery,
  RestockRequestResponse,
} from './restock-requests.dto';
import { RestockRequestsService } from './restock-requests.service';

@ApiTags('restock-requests')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('restock-requests')
export class RestockRequestsController {
  constructor(private readonly requests: RestockRequestsService) {}

  @Get()
  @ApiOkResponse({ type: RestockRequestPage })
  list(@Query() query: RestockRequestQuery) {
    return this.requests.list(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: RestockRequestResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<RestockRequestResponse> {
    return this.requests.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: RestockRequestResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'The location is not a store' })
  create(@Body() dto: CreateRestockRequestDto): Promise<RestockRequestResponse> {
    return this.requests.create(dto);
  }

  @Post(':id/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RestockRequestResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Not pending, or not enough stock at the warehouse' })
  approve(@Param() { id }: IdParam, @Body() dto: DecideRestockRequestDto): Promise<RestockRequestResponse> {
    return this.requests.approve(id, dto);
  }

  @Post(':id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: RestockRequestResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Not pending' })
  reject(@Param() { id }: IdParam, @Body() dto: DecideRestockRequestDto): Promise<RestockRequestResponse> {
    return this.requests.reject(id, dto);
  }
}
