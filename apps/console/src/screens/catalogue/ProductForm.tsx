import { Select, SimpleGrid, Switch, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/errors';
import type { Category } from '../../api/hooks/categories';
import { type ProductChanges, type ProductInput, useSaveProduct } from '../../api/hooks/product-mutations';
import type { Product } from '../../api/hooks/products';
import type { Supplier } from '../../api/hooks/suppliers';
import { fieldErrors } from '../../ui/ErrorAlert';
import { FormDialog } from '../../ui/FormDialog';
import { maxLength, message, normalisePrice, priceProblem, requiredText, skuProblem } from './rules';

export interface ProductFormValues {
  sku: string;
  name: string;
  description: string;
  price: string;
  category_id: string | null;
  supplier_id: string | null;
  active: boolean;
}

export function initialValues(product?: Product): ProductFormValues {
  return {
    sku: product?.sku ?? '',
    name: product?.name ?? '',
    description: product?.description ?? '',
    price: product?.price ?? '',
    category_id: product?.category_id ? String(product.category_id) : null,
    supplier_id: product?.supplier_id ? String(product.supplier_id) : null,
    active: product?.active ?? true,
  };
}

/** What the API is sent: a new product without its empty optional fields; a change with every field shown. */
export function productRequest(values: ProductFormValues, editing: boolean): ProductInput | ProductChanges {
  const request: ProductChanges = {
    sku: values.sku,
    name: values.name,
    price: normalisePrice(values.price),
    active: values.active,
  };
  // The API refuses null for these (they can be changed, not removed): an empty choice is left out.
  if (values.category_id) request.category_id = Number(values.category_id);
  if (values.supplier_id) request.supplier_id = Number(values.supplier_id);
  if (values.description !== '' || editing) request.description = values.description;
  return request;
}

/** The problems of a 409/404 the API names by code, on the field they are about. */
function codeErrors(error: unknown, t: (key: string) => string): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  switch (error.details.code) {
    case 'SKU_TAKEN':
      return { sku: t('validation.skuTaken') };
    case 'CATEGORY_NOT_FOUND':
      return { category_id: t('validation.notFound') };
    case 'SUPPLIER_NOT_FOUND':
      return { supplier_id: t('validation.notFound') };
    default:
      return {};
  }
}

/** Creates a product, or edits one, in a dialog. */
export function ProductForm({
  product,
  categories,
  suppliers,
  onClose,
  onSaved,
}: {
  product?: Product;
  categories: Category[];
  suppliers: Supplier[];
  onClose: () => void;
  onSaved: (product: Product) => void;
}) {
  const { t } = useTranslation('catalogue');
  const save = useSaveProduct();
  const editing = product !== undefined;
  const form = useForm<ProductFormValues>({
    initialValues: initialValues(product),
    validate: {
      sku: (value) => message(t, skuProblem(value)),
      name: (value) => message(t, requiredText(value, 200)),
      description: (value) => message(t, maxLength(value, 2000)),
      price: (value) => message(t, priceProblem(value)),
    },
  });

  return (
    <FormDialog
      title={editing ? t('productForm.editTitle', { sku: product.sku }) : t('productForm.createTitle')}
      size="lg"
      form={form}
      send={(values, refused) => {
        const input = productRequest(values, editing);
        save.mutate(product ? { id: product.id, input } : { id: undefined, input: input as ProductInput }, {
          onSuccess: onSaved,
          onError: refused,
        });
      }}
      fieldsOf={(failure) => ({ ...fieldErrors(failure), ...codeErrors(failure, t) })}
      pending={save.isPending}
      submitLabel={t('common:actions.save')}
      onClose={onClose}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('productForm.sku')}
          description={t('productForm.skuHint')}
          required
          maxLength={64}
          data-autofocus
          {...form.getInputProps('sku')}
        />
        <TextInput
          label={t('productForm.price')}
          description={t('productForm.priceHint')}
          required
          inputMode="decimal"
          {...form.getInputProps('price')}
        />
      </SimpleGrid>
      <TextInput label={t('productForm.name')} required maxLength={200} {...form.getInputProps('name')} />
      <Textarea label={t('productForm.description')} autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('productForm.category')}
          placeholder={t('productForm.noCategory')}
          data={categories.map((category) => ({ value: String(category.id), label: category.name }))}
          // The API can change a product's category but not remove it.
          clearable={!product?.category_id}
          clearButtonProps={{ 'aria-label': t('productForm.noCategory') }}
          searchable
          {...form.getInputProps('category_id')}
        />
        <Select
          label={t('productForm.supplier')}
          placeholder={t('productForm.noSupplier')}
          data={suppliers.map((supplier) => ({ value: String(supplier.id), label: supplier.name }))}
          clearable={!product?.supplier_id}
          clearButtonProps={{ 'aria-label': t('productForm.noSupplier') }}
          searchable
          {...form.getInputProps('supplier_id')}
        />
      </SimpleGrid>
      {editing && <Switch label={t('productForm.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
    </FormDialog>
  );
}
