import { useTranslation } from 'react-i18next';
import { formatMoney } from '../lib/format';

/** An amount from the API (a decimal string) in the user's language and the configured currency. */
export function Money({ amount }: { amount: string | number }) {
  const { i18n } = useTranslation();
  return <>{formatMoney(amount, i18n.language)}</>;
}
