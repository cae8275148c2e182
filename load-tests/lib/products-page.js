// The statement inventory issues for GET /api/v1/products?limit=&offset= without filters (products.repository.ts
// findPage: the page and the total in one statement), and the page it answers, for the benchmark's raw baseline
// (baseline-server.mjs). load-tests/test/baseline-server.e2e-spec.ts fails when inventory's SQL or JSON no longer
// match these. (Inventory caches the answer, PRODUCT_CACHE_TTL_SECONDS; the baseline does the uncached work.)

const COLUMNS = 'id, sku, name, description, category_id, supplier_id, price, active, created_at, updated_at';

export const PAGE_SQL = `SELECT ${COLUMNS}, count(*) OVER () AS total FROM products ORDER BY id LIMIT $1 OFFSET $2`;

/** Past the last page there is no row to carry the total. */
export const COUNT_SQL = 'SELECT count(*) AS count FROM products';

/** The JSON inventory answers, from the page's rows (and the total when the page is empty). */
export function toPage(rows, total, limit, offset) {
  const data = rows.map((row) => ({
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category_id: row.category_id,
    supplier_id: row.supplier_id,
    price: row.price,
    active: row.active,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  }));
  return { data, total: Number(total), limit, offset };
}
