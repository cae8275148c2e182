import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateLocationDto, LocationPage, LocationQuery, LocationResponse, UpdateLocationDto } from './locations.dto';
import { LocationsService } from './locations.service';

@ApiTags('locations')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('locations')
export class LocationsController {
  constructor(private readonly locations: LocationsService) {}

  @Get()
  @ApiOkResponse({ type: LocationPage })
  list(@Query() query: LocationQuery) {
    return this.locations.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<LocationResponse> {
    return this.locations.get(id);
  }

  @Post()
  @ApiConflictResponse({ type: ErrorResponse })
  create(@Body() dto: CreateLocationDto): Promise<LocationResponse> {
    return this.locations.create(dto);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  update(@Param() { id }: IdParam, @Body() dto: UpdateLocationDto): Promise<LocationResponse> {
    return this.locations.update(id, dto);
  }
}
