import '@mantine/core/styles.css';
import { type CSSVariablesResolver, MantineProvider, createTheme } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import { createQueryClient } from './app/query-client';
import { router } from './app/routes';

// Shade 8: white text on the filled buttons keeps WCAG AA's 4.5:1 (the default shade 6 does not).
const theme = createTheme({ primaryColor: 'blue', primaryShade: 8, defaultRadius: 'sm' });
// Mantine's "dimmed" grey is under WCAG AA's 4.5:1 on white (axe flags it): a darker grey for secondary text.
const cssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: {},
});
const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
