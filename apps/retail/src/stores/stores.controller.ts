import { ErrorResponse, IdParam } from '@app/contracts';
import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateStoreDto, StorePage, StoreQuery, StoreResponse, UpdateStoreDto } from './stores.dto';
import { StoresService } from './stores.service';

@ApiTags('stores')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('stores')
export class StoresController {
  constructor(private readonly stores: StoresService) {}

  @Get()
  @ApiOkResponse({ type: StorePage })
  list(@Query() query: StoreQuery) {
    return this.stores.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@Param() { id }: IdParam): Promise<StoreResponse> {
    return this.stores.get(id);
  }

  @Post()
  @ApiConflictResponse({ type: ErrorResponse, description: 'Store code already used' })
  create(@Body() dto: CreateStoreDto): Promise<StoreResponse> {
    return this.stores.create(dto);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ type: ErrorResponse })
  update(@Param() { id }: IdParam, @Body() dto: UpdateStoreDto): Promise<StoreResponse> {
    return this.stores.update(id, dto);
  }
}
