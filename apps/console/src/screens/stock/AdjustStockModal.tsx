import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../api/hooks/locations';
import { type StockChange, type StockLevel, useAdjustStock } from '../../api/hooks/stock';
import { ErrorAlert, fieldErrors } from '../../ui/ErrorAlert';
import { MAX_UNITS, adjustmentProblem, onHandProblem, reorderLevelProblem } from './rules';

export interface AdjustTarget {
  productId: number;
  productName: string;
  location: Location;
  level?: StockLevel;
}

type Values = { mode: 'set' | 'move'; quantity: number | string; adjustment: number | string; reorder_level: number | string };

/** Sets a level's on-hand count or moves it by a number of units, and its reorder level. */
export function AdjustStockModal({ target, onClose }: { target: AdjustTarget | null; onClose: () => void }) {
  const { t } = useTranslation('stock');
  return (
    <Modal opened={target !== null} onClose={onClose} title={t('adjustModal.title')} centered>
      {target && <AdjustForm key={`${target.productId}-${target.location.id}`} target={target} onDone={onClose} />}
    </Modal>
  );
}

function AdjustForm({ target, onDone }: { target: AdjustTarget; onDone: () => void }) {
  const { t } = useTranslation('stock');
  const { t: common } = useTranslation();
  const adjust = useAdjustStock();
  const onHand = target.level?.on_hand ?? 0;
  const reserved = target.level?.reserved ?? 0;
  const problem = (key: string | null) => (key ? t(`adjustModal.problems.${key}`, { max: MAX_UNITS, reserved }) : null);
  const form = useForm<Values>({
    initialValues: { mode: 'set', quantity: onHand, adjustment: '', reorder_level: target.level?.reorder_level ?? 10 },
    validate: {
      quantity: (value, values) => (values.mode === 'set' ? problem(onHandProblem(value, reserved)) : null),
      adjustment: (value, values) => (values.mode === 'move' ? problem(adjustmentProblem(value, onHand, reserved)) : null),
      reorder_level: (value) => problem(reorderLevelProblem(value)),
    },
  });
  const values = form.getValues();
  const after =
    values.mode === 'set' ? Number(values.quantity) : onHand + (values.adjustment === '' ? 0 : Number(values.adjustment));

  const submit = form.onSubmit((submitted) => {
    const change: StockChange = {
      location_id: target.location.id,
      ...(submitted.mode === 'set' ? { quantity: Number(submitted.quantity) } : { adjustment: Number(submitted.adjustment) }),
      ...(Number(submitted.reorder_level) !== target.level?.reorder_level
        ? { reorder_level: Number(submitted.reorder_level) }
        : {}),
    };
    adjust.mutate(
      { productId: target.productId, change },
      { onSuccess: onDone, onError: (error) => form.setErrors(fieldErrors(error)) },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600}>{t('adjustModal.subtitle', { product: target.productName, location: target.location.name })}</Text>
        <Text size="sm" c="dimmed">
          {t('adjustModal.current', { onHand, reserved, available: target.level?.available ?? 0 })}
        </Text>
        <SegmentedControl
          aria-label={t('adjustModal.mode')}
          data={[
            { value: 'set', label: t('adjustModal.set') },
            { value: 'move', label: t('adjustModal.move') },
          ]}
          {...form.getInputProps('mode')}
        />
        {values.mode === 'set' ? (
          <NumberInput
            label={t('adjustModal.quantity')}
            min={0}
            max={MAX_UNITS}
            allowDecimal={false}
            clampBehavior="none"
            data-autofocus
            {...form.getInputProps('quantity')}
          />
        ) : (
          <NumberInput
            label={t('adjustModal.adjustment')}
            allowDecimal={false}
            clampBehavior="none"
            data-autofocus
            {...form.getInputProps('adjustment')}
          />
        )}
        <NumberInput
          label={t('adjustModal.reorderLevel')}
          description={t('adjustModal.reorderDescription')}
          min={0}
          max={MAX_UNITS}
          allowDecimal={false}
          clampBehavior="none"
          {...form.getInputProps('reorder_level')}
        />
        {Number.isFinite(after) && <Text size="sm">{t('adjustModal.result', { onHand: after })}</Text>}
        {adjust.isError && Object.keys(fieldErrors(adjust.error)).length === 0 && <ErrorAlert error={adjust.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {common('actions.cancel')}
          </Button>
          <Button type="submit" loading={adjust.isPending}>
            {t('adjustModal.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
