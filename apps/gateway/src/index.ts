export { KongConfigError, compileKongConfig, loadKongConfig } from './config/kong-config';
export type { GatewayConfig } from './config/model';
export { GatewayEnvironmentError, gatewayOptionsFromEnv } from './environment';
export { TargetOverrideError, applyTargetOverrides, startGateway } from './gateway';
export type { GatewayOptions, RunningGateway, TargetOverride, TargetOverrides } from './gateway';
