import { Badge, Button, Group, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCategories } from '../../api/hooks/categories';
import { useDeactivateProduct } from '../../api/hooks/product-mutations';
import { type Product, useProducts } from '../../api/hooks/products';
import { useSuppliers } from '../../api/hooks/suppliers';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FilterSelect } from '../../ui/FilterSelect';
import { Money } from '../../ui/Money';
import { PagedTable } from '../../ui/PagedTable';
import { SearchInput } from '../../ui/SearchInput';
import { Notice } from '../../ui/SuccessAlert';
import { CatalogueLayout } from './CatalogueLayout';
import { ConfirmModal } from './ConfirmModal';
import { ProductForm } from './ProductForm';
import type { ProductSearch } from './routes';

const PAGE_SIZE = 20;

/** The products: searched, filtered and paged through the URL; created, edited and deactivated in dialogs. */
export function ProductsView() {
  const { t } = useTranslation('catalogue');
  const search = useSearch({ from: '/app/catalogue/products' });
  const navigate = useNavigate();
  const setSearch = (change: Partial<ProductSearch>) =>
    void navigate({ to: '/catalogue/products', search: { ...search, offset: undefined, ...change }, replace: true });

  const offset = search.offset ?? 0;
  const products = useProducts({
    limit: PAGE_SIZE,
    offset,
    search: search.search,
    category_id: search.category,
    active: search.active === undefined ? undefined : search.active === 'true',
  });
  const categories = useCategories({ limit: 100 });
  const suppliers = useSuppliers({ limit: 100 });
  const categoryName = useMemo(() => new Map((categories.data?.data ?? []).map((c) => [c.id, c.name])), [categories.data]);
  const supplierName = useMemo(() => new Map((suppliers.data?.data ?? []).map((s) => [s.id, s.name])), [suppliers.data]);

  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const [deactivating, setDeactivating] = useState<Product | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const deactivate = useDeactivateProduct();

  return (
    <CatalogueLayout>
      <Group align="flex-end" mb="md" wrap="wrap">
        <SearchInput
          label={t('products.search')}
          value={search.search}
          onSearch={(text) => setSearch({ search: text })}
          w={{ base: '100%', sm: 260 }}
        />
        <FilterSelect
          label={t('products.category')}
          all={t('products.allCategories')}
          options={(categories.data?.data ?? []).map((category) => ({ value: category.id, label: category.name }))}
          value={search.category}
          onChange={(category) => setSearch({ category })}
          w={{ base: '100%', sm: 200 }}
        />
        <FilterSelect
          label={t('products.activity')}
          all={t('products.all')}
          options={[
            { value: 'true', label: t('products.active') },
            { value: 'false', label: t('products.inactive') },
          ]}
          value={search.active}
          onChange={(active) => setSearch({ active })}
          w={{ base: '100%', sm: 150 }}
        />
        <Button ml="auto" onClick={() => setEditing('new')}>
          {t('products.new')}
        </Button>
      </Group>
      {notice && <Notice onClose={() => setNotice(null)}>{notice}</Notice>}
      <PagedTable
        query={products}
        empty={t('products.empty')}
        limit={PAGE_SIZE}
        offset={offset}
        onPage={(next) => setSearch({ offset: next || undefined })}
        minWidth={760}
        rowKey={(product) => product.id}
        columns={[
          {
            header: t('products.columns.sku'),
            cell: (product) => (
              <Text ff="monospace" size="sm">
                {product.sku}
              </Text>
            ),
          },
          { header: t('products.columns.name'), cell: (product) => product.name },
          {
            header: t('products.columns.category'),
            cell: (product) =>
              product.category_id ? (categoryName.get(product.category_id) ?? `#${product.category_id}`) : t('products.none'),
          },
          {
            header: t('products.columns.supplier'),
            cell: (product) =>
              product.supplier_id ? (supplierName.get(product.supplier_id) ?? `#${product.supplier_id}`) : t('products.none'),
          },
          { header: t('products.columns.price'), numeric: true, cell: (product) => <Money amount={product.price} /> },
          {
            header: t('products.columns.status'),
            cell: (product) => (
              <Badge color={product.active ? 'teal.9' : 'gray.7'} variant="filled" style={{ textTransform: 'none' }}>
                {product.active ? t('products.active') : t('products.inactive')}
              </Badge>
            ),
          },
          {
            header: t('products.columns.actions'),
            cell: (product) => (
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setEditing(product)}
                  aria-label={t('products.edit', { name: product.name })}
                >
                  {t('common:actions.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  color="red"
                  disabled={!product.active}
                  onClick={() => {
                    deactivate.reset();
                    setDeactivating(product);
                  }}
                  aria-label={t('products.deactivateLabel', { name: product.name })}
                >
                  {t('products.deactivate')}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      {editing !== null && (
        <ProductForm
          product={editing === 'new' ? undefined : editing}
          categories={categories.data?.data ?? []}
          suppliers={suppliers.data?.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={(product) => {
            setEditing(null);
            setNotice(t('products.saved', { name: product.name }));
          }}
        />
      )}
      <ConfirmModal
        opened={deactivating !== null}
        title={t('products.confirmDeactivateTitle')}
        confirmLabel={t('products.deactivate')}
        pending={deactivate.isPending}
        error={deactivate.error && <ErrorAlert error={deactivate.error} />}
        onClose={() => setDeactivating(null)}
        onConfirm={() =>
          deactivating &&
          deactivate.mutate(deactivating.id, {
            onSuccess: () => {
              setNotice(t('products.deactivated', { name: deactivating.name }));
              setDeactivating(null);
            },
          })
        }
      >
        {deactivating && t('products.confirmDeactivate', { name: deactivating.name, sku: deactivating.sku })}
      </ConfirmModal>
    </CatalogueLayout>
  );
}
