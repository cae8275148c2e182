import { Module } from '@nestjs/common';
import { SagasModule } from '../sagas/sagas.module';
import { SystemHealthController } from './system-health.controller';
import { SystemHealthRepository } from './system-health.repository';
import { SystemHealthService } from './system-health.service';

@Module({
  imports: [SagasModule],
  controllers: [SystemHealthController],
  providers: [SystemHealthRepository, SystemHealthService],
})
export class SystemHealthModule {}
