import { Metric, register } from 'prom-client';

/**
 * The metric registered under `name`, created on first use. prom-client's registry is process-wide and refuses a
 * second registration of a name: tests run several apps in one process, each of which asks for the same metrics.
 */
export function singleMetric<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}
