import { ApiError } from '../../api/errors';

/**
 * How many products keep a category or supplier from being deleted, read from the API's 409
 * ("Category 5 cannot be deleted: 3 products use this category"), so that the reason can be said in the
 * person's language; undefined for any other error.
 */
export function productsInUse(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.kind !== 'conflict') return undefined;
  if (error.details.code !== 'CATEGORY_IN_USE' && error.details.code !== 'SUPPLIER_IN_USE') return undefined;
  const match = /(\d+) products? uses?/.exec(error.message);
  return match ? Number(match[1]) : undefined;
}
