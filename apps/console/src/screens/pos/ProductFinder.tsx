import { Button, Card, Group, ScrollArea, Text, TextInput, Title } from '@mantine/core';
import { type SubmitEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFindProducts, useProductSearch } from '../../api/hooks/product-lookup';
import type { Product } from '../../api/hooks/products';
import { exactSkuMatch } from '../../lib/basket';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { DataTable } from '../../ui/DataTable';
import { Money } from '../../ui/Money';

/**
 * Finds products by name or SKU. A barcode scanner types the code and presses Enter: the product whose SKU
 * matches exactly goes straight into the basket; otherwise the matches are listed to pick from.
 */
export function ProductFinder({ onAdd, disabled }: { onAdd: (product: Product) => void; disabled: boolean }) {
  const { t } = useTranslation('pos');
  const find = useFindProducts();
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [shown, setShown] = useState('');
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<unknown>(null);
  const matches = useProductSearch(shown);

  const add = (product: Product) => {
    onAdd(product);
    setAnnounce(t('search.added', { name: product.name }));
    input.current?.focus();
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const term = text.trim();
    if (!term) return;
    setError(null);
    try {
      const products = await find(term);
      const exact = exactSkuMatch(products, term);
      if (exact) {
        add(exact);
        setText('');
        setShown('');
      } else {
        setShown(term);
      }
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="finder-title">
      <Title order={2} size="h4" id="finder-title" mb="sm">
        {t('search.title')}
      </Title>
      <form onSubmit={(event) => void submit(event)}>
        <Group align="flex-end" wrap="nowrap">
          <TextInput
            ref={input}
            label={t('search.label')}
            description={t('search.description')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            disabled={disabled}
            maxLength={100}
            autoComplete="off"
            style={{ flex: 1 }}
            data-autofocus
          />
          <Button type="submit" variant="default" disabled={disabled || text.trim() === ''}>
            {t('search.submit')}
          </Button>
        </Group>
      </form>
      <Text size="sm" c="dimmed" mt={4} aria-live="polite">
        {announce}
      </Text>
      {error !== null && <ErrorAlert error={error} />}
      {shown && matches.isError && <ErrorAlert error={matches.error} onRetry={() => void matches.refetch()} />}
      {shown && matches.data && (
        <>
          <Text fw={600} size="sm" mt="sm">
            {t('search.matches', { term: shown })}
          </Text>
          {matches.data.data.length === 0 ? (
            <Text c="dimmed" size="sm" py="sm">
              {t('search.none', { term: shown })}
            </Text>
          ) : (
            <ScrollArea type="auto">
              <DataTable
                verticalSpacing={4}
                miw={360}
                rows={matches.data.data}
                rowKey={(product) => product.id}
                columns={[
                  { header: t('search.product'), cell: (product) => product.name },
                  { header: t('search.sku'), cell: (product) => product.sku },
                  { header: t('search.price'), numeric: true, cell: (product) => <Money amount={product.price} /> },
                  {
                    numeric: true,
                    cell: (product) => (
                      <Button
                        size="compact-sm"
                        variant="light"
                        aria-label={t('search.addNamed', { name: product.name })}
                        onClick={() => add(product)}
                        disabled={disabled}
                      >
                        {t('search.add')}
                      </Button>
                    ),
                  },
                ]}
              />
            </ScrollArea>
          )}
        </>
      )}
    </Card>
  );
}
