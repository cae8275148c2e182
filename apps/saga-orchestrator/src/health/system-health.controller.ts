import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SystemHealthResponse } from './system-health.dto';
import { SystemHealthService } from './system-health.service';

/**
 * GET /api/v1/health, public through the gateway (with or without an API key): the whole system's health. The
 * path carries the prefix itself (excluded from the global one) because `health` is each service's own readiness.
 */
@ApiTags('health')
@Controller('api/v1/health')
export class SystemHealthController {
  constructor(private readonly health: SystemHealthService) {}

  @Get()
  @ApiOkResponse({ type: SystemHealthResponse, description: 'Everything answers' })
  @ApiServiceUnavailableResponse({ type: SystemHealthResponse, description: 'Something does not: the body says what' })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<SystemHealthResponse> {
    const health = await this.health.check();
    reply.status(health.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return health;
  }
}
