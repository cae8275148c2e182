import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Names each bad variable with the text it was given (not the value it was converted to). */
function describe(errors: ValidationError[], env: NodeJS.ProcessEnv): string[] {
  return errors.map((error) => {
    const given = env[error.property] === undefined ? 'unset' : JSON.stringify(env[error.property]);
    return `${error.property}=${given}: ${Object.values(error.constraints ?? {}).join('; ')}`;
  });
}

/**
 * Reads an environment schema (a class whose properties are variable names with
 * class-validator rules and defaults) and fails with every bad setting named.
 */
export function loadConfig<T extends object>(schema: ClassConstructor<T>, env: NodeJS.ProcessEnv = process.env): T {
  const withoutEmpty = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const config = plainToInstance(schema, withoutEmpty, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
    enableImplicitConversion: true,
  });
  const errors = validateSync(config, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(describe(errors, withoutEmpty));
  }
  return config;
}
