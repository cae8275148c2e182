import { Module } from '@nestjs/common';
import { Participants } from '../engine/participants';
import { SagaMetrics, sagaMetricProviders } from '../engine/saga.metrics';
import { SagaEndings } from '../engine/saga-endings';
import { SagaRunner } from '../engine/saga-runner';
import { SagaWorker } from '../engine/saga-worker';
import { OrderProcessingController } from './order-processing.controller';
import { orderSagaPlan } from './order-saga';
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
    orderSagaPlan,
    SagaRunner,
    SagaWorker,
    SagasRepository,
    SagasService,
  ],
  exports: [SagaWorker, Participants],
})
export class SagasModule {}
