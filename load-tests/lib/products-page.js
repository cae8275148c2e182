// The statements inventory's TypeORM issues for GET /api/v1/products?limit=&offset= (products.repository.ts findPage,
// getManyAndCount without filters), and the page it answers, for the benchmark's raw baseline (baseline-server.mjs).
// load-tests/test/baseline-server.e2e-spec.ts fails when inventory's SQL or JSON no longer match these.

const COLUMNS = ['id', 'sku', 'name', 'description', 'category_id', 'supplier_id', 'price', 'active', 'created_at', 'updated_at'];

/** TypeORM writes limit and offset into the text (no parameters) when the query has no joins. */
export function pageSql(limit, offset) {
  const columns = COLUMNS.map((column) => `"product"."${column}" AS "product_${column}"`).join(', ');
  return `SELECT ${columns} FROM "products" "product" ORDER BY "product"."id" ASC LIMIT ${limit} OFFSET ${offset}`;
}

export const COUNT_SQL = 'SELECT COUNT(1) AS "cnt" FROM "products" "product"';

/** The JSON inventory answers, from the rows of both statements. */
export function toPage(rows, countRows, limit, offset) {
  const data = rows.map((row) => ({
    id: row.product_id,
    sku: row.product_sku,
    name: row.product_name,
    description: row.product_description,
    category_id: row.product_category_id,
    supplier_id: row.product_supplier_id,
    price: row.product_price,
    active: row.product_active,
    created_at: row.product_created_at.toISOString(),
    updated_at: row.product_updated_at.toISOString(),
  }));
  return { data, total: Number(countRows[0].cnt), limit, offset };
}
