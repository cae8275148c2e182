import { Select, type SelectProps } from '@mantine/core';

/**
 * A list's filter: "all" first (no filter: undefined), then one choice per option. The value is the option's own
 * (an id, a status), not Select's string.
 */
export function FilterSelect<T extends string | number>({
  all,
  options,
  value,
  onChange,
  ...select
}: {
  all: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T | undefined;
  onChange: (value: T | undefined) => void;
} & Omit<SelectProps, 'data' | 'value' | 'onChange'>) {
  return (
    <Select
      data={[{ value: '', label: all }, ...options.map((option) => ({ value: String(option.value), label: option.label }))]}
      value={value === undefined ? '' : String(value)}
      onChange={(chosen) => onChange(options.find((option) => String(option.value) === chosen)?.value)}
      allowDeselect={false}
      {...select}
    />
  );
}
