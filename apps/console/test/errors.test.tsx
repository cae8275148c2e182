import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError, apiErrorFrom, retryAfterSeconds } from '../src/api/errors';
import { ErrorAlert, fieldErrors } from '../src/ui/ErrorAlert';
import { renderInApp } from './render';

const headers = (entries: Record<string, string> = {}) => new Headers(entries);

describe('apiErrorFrom', () => {
  it('keeps a 400 field by field, as the services name them', () => {
    const error = apiErrorFrom(
      400,
      {
        status_code: 400,
        message: 'Validation failed',
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'sku', problems: ['sku must not be empty or only spaces'] }],
      },
      headers(),
    );
    expect(error.kind).toBe('validation');
    expect(error.problemsOf('sku')).toEqual(['sku must not be empty or only spaces']);
    expect(fieldErrors(error)).toEqual({ sku: 'sku must not be empty or only spaces' });
  });

  it('reads a 429 Retry-After in seconds or as a date', () => {
    expect(
      apiErrorFrom(429, { message: 'API rate limit exceeded' }, headers({ 'retry-after': '17' })).details.retryAfterSeconds,
    ).toBe(17);
    expect(retryAfterSeconds('Wed, 02 Dec 2026 10:00:30 GMT', Date.parse('Wed, 02 Dec 2026 10:00:00 GMT'))).toBe(30);
    expect(retryAfterSeconds(null)).toBeUndefined();
  });

  it.each([
    [401, 'unauthorized'],
    [404, 'not-found'],
    [409, 'conflict'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [500, 'server'],
  ] as const)('%i is %s', (status, kind) => {
    expect(apiErrorFrom(status, { message: 'm' }, headers()).kind).toBe(kind);
  });
});

describe(ErrorAlert.name, () => {
  it('says how long to wait after a 429', () => {
    renderInApp(<ErrorAlert error={new ApiError('rate-limited', 429, 'API rate limit exceeded', { retryAfterSeconds: 42 })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Rate limited: too many requests. Retry in 42 s.');
  });

  it("gives a 409's reason", () => {
    renderInApp(
      <ErrorAlert error={new ApiError('conflict', 409, 'Category 5 cannot be deleted: 3 products use this category')} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'This cannot be done: Category 5 cannot be deleted: 3 products use this category',
    );
  });

  it("lists a 400's fields when no form shows them", () => {
    renderInApp(
      <ErrorAlert
        error={
          new ApiError('validation', 400, 'Validation failed', {
            fields: [{ field: 'lines.0.quantity', problems: ['must be positive'] }],
          })
        }
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('lines.0.quantity: must be positive');
  });

  it('says the system is down when nothing answered', () => {
    renderInApp(<ErrorAlert error={new ApiError('unavailable', undefined, 'Failed to fetch')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The gateway or a service is not answering');
  });
});
