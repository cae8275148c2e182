import { ApiProperty, ApiPropertyOptional, getSchemaPath, ApiExtraModels } from '@nestjs/swagger';

export const SYSTEM_HEALTH_STATUSES = ['ok', 'degraded', 'down'] as const;
export type SystemHealthStatus = (typeof SYSTEM_HEALTH_STATUSES)[number];

export class ServiceHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
  @ApiProperty({ description: 'Seconds the check took' }) duration!: number;
  @ApiPropertyOptional({ example: 'no answer within 1500 ms' }) error?: string;
}

@ApiExtraModels(ServiceHealth)
export class SystemHealthResponse {
  @ApiProperty({
    enum: SYSTEM_HEALTH_STATUSES,
    description:
      'ok: everything answers (HTTP 200). degraded: a service the sagas call does not (503; orders are accepted and wait). ' +
      "down: the orchestrator's own database does not (503; no order can be accepted)",
  })
  status!: SystemHealthStatus;

  @ApiProperty({
    description: "The orchestrator's database (saga-orchestrator) and each service the order saga calls, over its transport",
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(ServiceHealth) },
    example: {
      'saga-orchestrator': { status: 'up', duration: 0.002 },
      inventory: { status: 'up', duration: 0.003 },
      ecommerce: { status: 'up', duration: 0.003 },
    },
  })
  services!: Record<string, ServiceHealth>;

  @ApiProperty() checked_at!: string;
}
