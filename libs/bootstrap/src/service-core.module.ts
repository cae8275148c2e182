import { ServiceConfig } from '@app/config';
import { HealthModule, MetricsModule, loggerModule } from '@app/observability';
import { PersistenceModule, dataSourceOptions } from '@app/persistence';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServiceDefinition } from './service-definition';

/** What every service has: config, logging, metrics, health and its database. */
@Global()
@Module({})
class ServiceCoreModule {
  static forRoot(definition: ServiceDefinition, config: ServiceConfig, databaseUrl: string): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        loggerModule(config),
        MetricsModule,
        HealthModule.forService(definition.service),
        TypeOrmModule.forRoot(
          dataSourceOptions(definition.database, databaseUrl, {
            poolSize: config.databasePoolSize,
            preparedStatements: config.preparedStatements,
          }),
        ),
        PersistenceModule,
      ],
      providers: [{ provide: ServiceConfig, useValue: config }],
      exports: [ServiceConfig],
    };
  }
}

@Module({})
export class ServiceRootModule {
  static forRoot(definition: ServiceDefinition, config: ServiceConfig, databaseUrl: string): DynamicModule {
    return {
      module: ServiceRootModule,
      imports: [ServiceCoreModule.forRoot(definition, config, databaseUrl), ...definition.modules],
    };
  }
}
