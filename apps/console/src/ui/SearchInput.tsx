import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';

/**
 * A list's search box. The box follows the typing; `onSearch` gets the text (undefined when blank) once the typing
 * pauses, so that the URL and the query change once rather than at every key. `value` is the search in force.
 */
export function SearchInput({
  value,
  onSearch,
  ...input
}: { value: string | undefined; onSearch: (search: string | undefined) => void } & Omit<
  TextInputProps,
  'value' | 'onChange' | 'type'
>) {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    const wanted = debounced.trim() === '' ? undefined : debounced;
    if (wanted !== value) onSearch(wanted);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new debounced text changes the search
  }, [debounced]);
  return (
    <TextInput type="search" value={text} onChange={(event) => setText(event.currentTarget.value)} maxLength={100} {...input} />
  );
}
