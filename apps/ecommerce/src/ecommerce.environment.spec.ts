import { ConfigValidationError, loadConfig } from '@app/config';
import { EcommerceEnvironment } from './ecommerce.environment';

describe(EcommerceEnvironment.name, () => {
  it('defaults to the local orchestrator and a 10000.00 payment limit', () => {
    expect(loadConfig(EcommerceEnvironment, {})).toMatchObject({
      SAGA_ORCHESTRATOR_URL: 'http://127.0.0.1:3005',
      PAYMENT_AMOUNT_LIMIT: '10000.00',
    });
  });

  it('takes both from the environment', () => {
    const env = { SAGA_ORCHESTRATOR_URL: 'https://saga.internal:8443', PAYMENT_AMOUNT_LIMIT: '250' };
    expect(loadConfig(EcommerceEnvironment, env)).toMatchObject(env);
  });

  it.each([
    [
      { SAGA_ORCHESTRATOR_URL: 'saga:3005' },
      'SAGA_ORCHESTRATOR_URL="saga:3005": SAGA_ORCHESTRATOR_URL must look like http://host:3005',
    ],
    [
      { PAYMENT_AMOUNT_LIMIT: '10,000' },
      'PAYMENT_AMOUNT_LIMIT="10,000": PAYMENT_AMOUNT_LIMIT must be an amount with at most 2 decimal places, e.g. 10000.00',
    ],
    [{ PAYMENT_AMOUNT_LIMIT: '-5' }, 'PAYMENT_AMOUNT_LIMIT="-5"'],
  ])('refuses %j, naming the variable', (env, problem) => {
    expect(() => loadConfig(EcommerceEnvironment, env)).toThrow(ConfigValidationError);
    expect(() => loadConfig(EcommerceEnvironment, env)).toThrow(problem);
  });
});
