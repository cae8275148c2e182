import { Alert, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useSearch } from '@tanstack/react-router';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGo } from './navigation';
import { useCategories } from '../../api/hooks/categories';
import { useDeactivateProduct } from '../../api/hooks/product-mutations';
import { type Product, useProducts } from '../../api/hooks/products';
import { useSuppliers } from '../../api/hooks/suppliers';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Money } from '../../ui/Money';
import { Pager } from '../../ui/Pager';
import { QueryState } from '../../ui/QueryState';
import { CatalogueLayout } from './CatalogueLayout';
import { ConfirmModal } from './ConfirmModal';
import { ProductForm } from './ProductForm';
import type { ProductSearch } from './routes';

const PAGE_SIZE = 20;

/** The products: searched, filtered and paged through the URL; created, edited and deactivated in dialogs. */
export function ProductsView() {
  const { t } = useTranslation('catalogue');
  const search = useSearch({ strict: false }) as ProductSearch;
  const navigate = useGo();
  const setSearch = (change: Partial<ProductSearch>) =>
    void navigate({ to: '/catalogue/products', search: { ...search, offset: undefined, ...change }, replace: true });

  // The search box follows the typing; the URL (and the query) once the typing pauses.
  const [text, setText] = useState(search.search ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    const wanted = debounced.trim() === '' ? undefined : debounced;
    if (wanted !== search.search) setSearch({ search: wanted });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new debounced text changes the URL
  }, [debounced]);

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
        <TextInput
          label={t('products.search')}
          type="search"
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          maxLength={100}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('products.category')}
          data={[
            { value: '', label: t('products.allCategories') },
            ...(categories.data?.data ?? []).map((category) => ({ value: String(category.id), label: category.name })),
          ]}
          value={search.category ? String(search.category) : ''}
          onChange={(value) => setSearch({ category: value ? Number(value) : undefined })}
          allowDeselect={false}
          w={{ base: '100%', sm: 200 }}
        />
        <Select
          label={t('products.activity')}
          data={[
            { value: '', label: t('products.all') },
            { value: 'true', label: t('products.active') },
            { value: 'false', label: t('products.inactive') },
          ]}
          value={search.active ?? ''}
          onChange={(value) => setSearch({ active: value === 'true' || value === 'false' ? value : undefined })}
          allowDeselect={false}
          w={{ base: '100%', sm: 150 }}
        />
        <Button ml="auto" onClick={() => setEditing('new')}>
          {t('products.new')}
        </Button>
      </Group>
      {notice && (
        <Alert
          color="green"
          mb="md"
          role="status"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={t('common:actions.close')}
        >
          {notice}
        </Alert>
      )}
      <QueryState query={products} isEmpty={(page) => page.data.length === 0} empty={t('products.empty')}>
        {(page) => (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('products.columns.sku')}</Table.Th>
                    <Table.Th>{t('products.columns.name')}</Table.Th>
                    <Table.Th>{t('products.columns.category')}</Table.Th>
                    <Table.Th>{t('products.columns.supplier')}</Table.Th>
                    <Table.Th ta="right">{t('products.columns.price')}</Table.Th>
                    <Table.Th>{t('products.columns.status')}</Table.Th>
                    <Table.Th>{t('products.columns.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.map((product) => (
                    <Table.Tr key={product.id}>
                      <Table.Td>
                        <Text ff="monospace" size="sm">
                          {product.sku}
                        </Text>
                      </Table.Td>
                      <Table.Td>{product.name}</Table.Td>
                      <Table.Td>
                        {product.category_id
                          ? (categoryName.get(product.category_id) ?? `#${product.category_id}`)
                          : t('products.none')}
                      </Table.Td>
                      <Table.Td>
                        {product.supplier_id
                          ? (supplierName.get(product.supplier_id) ?? `#${product.supplier_id}`)
                          : t('products.none')}
                      </Table.Td>
                      <Table.Td ta="right">
                        <Money amount={product.price} />
                      </Table.Td>
                      <Table.Td>
                        <Badge color={product.active ? 'teal.9' : 'gray.7'} variant="filled" style={{ textTransform: 'none' }}>
                          {product.active ? t('products.active') : t('products.inactive')}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
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
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Pager
              total={page.total}
              limit={PAGE_SIZE}
              offset={offset}
              onChange={(next) => setSearch({ offset: next || undefined })}
            />
          </>
        )}
      </QueryState>
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
