import { useNavigate, useSearch } from '@tanstack/react-router';
import type { ReportSearch } from './search';

/** The report's search params, and a change of some of them (a new URL, so the back button undoes it). */
export function useReportSearch(): [ReportSearch, (changes: Partial<ReportSearch>) => void] {
  const search = useSearch({ from: '/app/reports' });
  const navigate = useNavigate();
  const update = (changes: Partial<ReportSearch>) => {
    const next = Object.fromEntries(Object.entries({ ...search, ...changes }).filter(([, value]) => value !== undefined));
    void navigate({ to: '.', search: next as never });
  };
  return [search, update];
}
