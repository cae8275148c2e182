import request from 'supertest';
import { databaseFingerprint } from './database-fingerprint';
import { TestApp } from './test-app';

/** Empty, spaces, a tab and newline, a no-break space, a zero-width space: none names anything. */
export const BLANK_TEXTS = ['', ' ', '   ', '\t\n', '\u00a0', '\u200b'];

/** What a number must not be, as text (a query or path value, or a string in a body). */
export const NOT_NUMBER_TEXTS = ['NaN', 'Infinity', '-Infinity', '', ' ', '1e3', '0x10'];

/** JSON numbers too large for a double: JSON.parse reads them as Infinity and -Infinity. */
export const OVERFLOWING_NUMBERS = ['1e400', '-1e400'];

type FieldError = { field: string; problems?: string[] };

/** The fields a VALIDATION_FAILED body names, sorted. */
export function fieldsOf(body: { errors?: FieldError[] }): string[] {
  return (body.errors ?? []).map((error) => error.field).sort();
}

/** The problems a VALIDATION_FAILED body gives for `field` (none when it does not name it). */
export function problemsOf(body: { errors?: FieldError[] }, field: string): string[] {
  return body.errors?.find((error) => error.field === field)?.problems ?? [];
}

/** The body as JSON text with `field` set to a number literal JSON.stringify cannot write (1e400). */
export function jsonWithNumber(body: Record<string, unknown>, field: string, literal: string): string {
  return JSON.stringify({ ...body, [field]: 0 }).replace(`"${field}":0`, `"${field}":${literal}`);
}

/**
 * Sends the request and expects a 400 VALIDATION_FAILED naming exactly `field`, with nothing written to
 * the service's database. `body` is an object, or JSON text sent as it is.
 */
export async function expectRefused(
  t: TestApp,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body: object | string | undefined,
  field: string,
): Promise<void> {
  const before = await databaseFingerprint(t.dataSource);
  const call = request(t.http)[method](path);
  const response = await (typeof body === 'string'
    ? call.set('content-type', 'application/json').send(body)
    : body === undefined
      ? call
      : call.send(body));
  expect({ path, body, status: response.status, code: response.body.code, fields: fieldsOf(response.body) }).toEqual({
    path,
    body,
    status: 400,
    code: 'VALIDATION_FAILED',
    fields: [field],
  });
  expect(await databaseFingerprint(t.dataSource)).toEqual(before);
}
