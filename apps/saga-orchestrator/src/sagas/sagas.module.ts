import { Module } from '@nestjs/common';
import { Participants } from '../engine/participants';
import { SagaMetrics, sagaMetricProviders } from '../engine/saga.metrics';
import { SagaEndings } from '../engine/saga-endings';
import { SagaRunner } from '../engine/saga-runner';
import { SagaSteps } from '../engine/saga-steps';
import { SagaWorker } from '../engine/saga-worker';
import { OrderProcessingController } from './order-processing.controller';
import { OrdersController } from './orders.controller';
import { SagasController } from './sagas.controller';
import { SagasRepository } from './sagas.repository';
import { SagasService } from './sagas.service';

@Module({
  controllers: [OrderProcessingController, OrdersController, SagasController],
  providers: [
    ...sagaMetricProviders,
    SagaMetrics,
    SagaEndings,
    Participants,
    SagaSteps,
    SagaRunner,
    SagaWorker,
    SagasRepository,
    SagasService,
  ],
  exports: [SagaWorker, Participants],
})
export class SagasModule {}
