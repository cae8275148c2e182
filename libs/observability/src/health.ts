import { Controller, DynamicModule, Get, Module, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';

/** The message pattern answering a service's readiness over the transport (e.g. `inventory.health`). */
export function healthPatternOf(service: string): string {
  return `${service}.health`;
}

@ApiTags('health')
@Controller('health')
class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Readiness: the service can reach its database. */
  @Get()
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.pingCheck('database').withTimeout(1500)]);
  }

  /** Liveness: the process answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

/**
 * The same readiness over the message transport, for the services that send this one commands (the saga
 * orchestrator's GET /api/v1/health): it proves the transport path as well. Not ready: a 503 error reply.
 */
function transportHealthController(service: string): Type<unknown> {
  @Controller()
  class TransportHealthController {
    constructor(
      private readonly health: HealthCheckService,
      private readonly database: TypeOrmHealthIndicator,
    ) {}

    @MessagePattern(healthPatternOf(service))
    ready() {
      return this.health.check([() => this.database.pingCheck('database').withTimeout(1500)]);
    }
  }
  return TransportHealthController;
}

@Module({})
export class HealthModule {
  static forService(service: string): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController, transportHealthController(service)],
    };
  }
}
