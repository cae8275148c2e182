import { TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { type Category, type CategoryInput, useCategories, useDeleteCategory, useSaveCategory } from '../../api/hooks/categories';
import { formatDate } from '../../lib/format';
import { ReferenceForm, ReferenceList } from './ReferenceList';
import { maxLength, message, requiredText } from './rules';

export function CategoriesView() {
  const { t, i18n } = useTranslation('catalogue');
  return (
    <ReferenceList<Category>
      kind="categories"
      useList={useCategories}
      useDelete={useDeleteCategory}
      minWidth={600}
      columns={[
        { header: 'name', cell: (category) => category.name },
        { header: 'description', cell: (category) => category.description ?? t('products.none') },
        { header: 'created', cell: (category) => formatDate(category.created_at, i18n.language) },
      ]}
      renderForm={(category, close) => <CategoryForm category={category} onClose={close} />}
    />
  );
}

function CategoryForm({ category, onClose }: { category?: Category; onClose: () => void }) {
  const { t } = useTranslation('catalogue');
  const save = useSaveCategory();
  const form = useForm({
    initialValues: { name: category?.name ?? '', description: category?.description ?? '' },
    validate: {
      name: (value) => message(t, requiredText(value, 100)),
      description: (value) => message(t, maxLength(value, 2000)),
    },
  });
  // An empty description is left out of a new category; an edit may empty it.
  const toInput = (values: typeof form.values): { id?: number; input: CategoryInput } => ({
    id: category?.id,
    input: values.description === '' && !category ? { name: values.name } : values,
  });
  return (
    <ReferenceForm kind="categories" editing={category !== undefined} form={form} toInput={toInput} save={save} onClose={onClose}>
      <TextInput label={t('categories.name')} required maxLength={100} data-autofocus {...form.getInputProps('name')} />
      <Textarea label={t('categories.description')} autosize minRows={2} {...form.getInputProps('description')} />
    </ReferenceForm>
  );
}
