import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createMemoryHistory, createRootRoute, createRouter } from '@tanstack/react-router';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../src/i18n';
import type { Saga } from '../src/api/hooks/sagas';
import { SagaTimeline } from '../src/screens/orders/SagaTimelineView';
import { timelineOf } from '../src/screens/orders/timeline';

// The router scrolls to the top on navigation; jsdom has no scrolling.
window.scrollTo = () => undefined;

const step = (name: string, status: Saga['steps'][number]['status'], error?: string) => ({
  step: name,
  status,
  attempts: status === 'RETRYING' ? 2 : 1,
  duration: 0.03,
  ...(error && { error }),
});
const compensation = (name: string) => ({ compensation: name, status: 'SUCCESS' as const, attempts: 1, duration: 0.04 });

function saga(change: Partial<Saga>): Saga {
  return {
    saga_id: '26730729-a5d5-4bc4-af51-f0769cc8824e',
    customer_id: 123,
    status: 'COMPLETED',
    created_at: '2026-12-02T07:52:56.299Z',
    updated_at: '2026-12-02T07:52:56.651Z',
    duration: 0.352,
    order_id: 116,
    payment_id: 80,
    failure_reason: null,
    steps: ['CHECK_STOCK', 'RESERVE_STOCK', 'CREATE_ORDER', 'PROCESS_PAYMENT', 'CONFIRM_ORDER'].map((name) =>
      step(name, 'SUCCESS'),
    ),
    compensations: [],
    history: [],
    products: [{ product_id: 5, quantity: 1 }],
    shipping_address: '1 Main St',
    billing_address: '1 Main St',
    payment_method: 'credit_card',
    ...change,
  };
}

const declined = saga({
  status: 'COMPENSATED',
  payment_id: null,
  failure_reason: 'PROCESS_PAYMENT: CARD_DECLINED',
  payment_method: 'declined_card',
  steps: [
    step('CHECK_STOCK', 'SUCCESS'),
    step('RESERVE_STOCK', 'SUCCESS'),
    step('CREATE_ORDER', 'SUCCESS'),
    step('PROCESS_PAYMENT', 'FAILED', 'CARD_DECLINED'),
  ],
  compensations: [compensation('CANCEL_ORDER'), compensation('RELEASE_STOCK')],
});

describe(timelineOf.name, () => {
  it('lists the five steps in the order they run, then the compensations in the order they ran', () => {
    const entries = timelineOf(declined);
    expect(entries.map((entry) => `${entry.kind}:${entry.name}:${entry.status}`)).toEqual([
      'step:CHECK_STOCK:SUCCESS',
      'step:RESERVE_STOCK:SUCCESS',
      'step:CREATE_ORDER:SUCCESS',
      'step:PROCESS_PAYMENT:FAILED',
      'step:CONFIRM_ORDER:SKIPPED',
      'compensation:CANCEL_ORDER:SUCCESS',
      'compensation:RELEASE_STOCK:SUCCESS',
    ]);
    expect(entries[3].error).toBe('CARD_DECLINED');
  });

  it('shows the steps not reached yet as pending while the saga runs, whatever order the API lists them in', () => {
    const running = saga({
      status: 'STOCK_RESERVED',
      steps: [step('RESERVE_STOCK', 'SUCCESS'), step('CHECK_STOCK', 'SUCCESS'), step('CREATE_ORDER', 'RETRYING')],
    });
    expect(timelineOf(running).map((entry) => entry.status)).toEqual(['SUCCESS', 'SUCCESS', 'RETRYING', 'PENDING', 'PENDING']);
  });
});

async function renderTimeline(value: Saga) {
  const rootRoute = createRootRoute({ component: () => <SagaTimeline saga={value} /> });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ['/'] }) });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return screen.findByRole('heading', { name: /Order processing/ });
}

describe(SagaTimeline.name, () => {
  it('labels each step and its status in words, with its attempts and duration', async () => {
    await renderTimeline(saga({}));
    const steps = within(screen.getByRole('region', { name: 'Steps' })).getAllByRole('listitem');
    expect(steps.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Check stockSuccess1 attempt · 30 ms/),
      expect.stringMatching(/^Reserve stockSuccess/),
      expect.stringMatching(/^Create orderSuccess/),
      expect.stringMatching(/^Take paymentSuccess/),
      expect.stringMatching(/^Confirm orderSuccess/),
    ]);
    expect(screen.getByText('Completed')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Compensations/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('says why a declined payment was undone, and what undid it', async () => {
    await renderTimeline(declined);
    expect(screen.getByText('Take payment failed: the card was declined')).toBeInTheDocument();
    const compensations = within(screen.getByRole('region', { name: /Compensations/ })).getAllByRole('listitem');
    expect(compensations.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Cancel orderSuccess/),
      expect.stringMatching(/^Release stockSuccess/),
    ]);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it("offers the operator's retry for a FAILED saga only", async () => {
    await renderTimeline(
      saga({
        status: 'FAILED',
        failure_reason: 'CONFIRM_ORDER refused after payment: ORDER_CANCELLED',
        steps: [...saga({}).steps.slice(0, 4), step('CONFIRM_ORDER', 'FAILED', 'ORDER_CANCELLED')],
      }),
    );
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.getByText('Failed: needs an operator')).toBeInTheDocument();
  });
});
