import type { TFunction } from 'i18next';
import { failureParts } from './timeline';

/** A saga's failure reason in the person's language where its step and code are known, else as written. */
export function describeFailure(t: TFunction<'orders'>, reason: string): string {
  const parts = failureParts(reason);
  if (
    !parts ||
    !t(`steps.${parts.step}` as never, { defaultValue: '' }) ||
    !t(`reasons.${parts.code}` as never, { defaultValue: '' })
  )
    return reason;
  return String(
    t('failure', {
      step: t(`steps.${parts.step}` as never),
      reason: `${String(t(`reasons.${parts.code}` as never))}${parts.detail}`,
    }),
  );
}
