export { KongConfigError, compileKongConfig, loadKongConfig } from './config/kong-config';
export { GatewayEnvironmentError, gatewayOptionsFromEnv } from './environment';
export { TargetOverrideError, applyTargetOverrides, startGateway } from './gateway';
export type { GatewayOptions, RunningGateway } from './gateway';
