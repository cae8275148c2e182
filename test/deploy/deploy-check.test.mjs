// The checks of `npm run deploy:check` (tools/deploy-check.mjs) on the rendered overlays, each broken on purpose in
// one way a person could break them: each mistake must be reported, naming what is wrong. deploy:check runs this
// file after its own checks pass; alone: `node --test test/deploy/`.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  checkAgreement,
  loadCrdValidators,
  loadFacts,
  renderOverlay,
  renderer,
  validateObjects,
} from '../../tools/deploy-check.mjs';

const facts = loadFacts();
const crds = loadCrdValidators();
const rendered = {};

/** All the problems deploy:check reports for `objects` as overlay `overlay`. */
async function problemsOf(objects, overlay = 'prod', withFacts = facts) {
  const schemas = await validateObjects(objects, crds);
  return [...schemas.problems, ...checkAgreement(objects, withFacts, overlay).problems];
}

/** A copy of the overlay's objects with `change` applied to the one of `kind` named `name`. */
function broken(overlay, kind, name, change) {
  const objects = structuredClone(rendered[overlay]);
  const object = objects.find((o) => o.kind === kind && (o.metadata.name === name || o.metadata.name.startsWith(`${name}-`)));
  assert.ok(object, `${kind} ${name} in ${overlay}`);
  change(object);
  return objects;
}

const container = (deployment, name = 'app') => deployment.spec.template.spec.containers.find((c) => c.name === name);

/** Asserts that some reported problem matches each pattern. */
function assertReported(problems, ...patterns) {
  for (const pattern of patterns) {
    assert.ok(
      problems.some((problem) => pattern.test(problem)),
      `expected a problem matching ${pattern}, got:\n  ${problems.join('\n  ') || '(none)'}`,
    );
  }
}

describe('deploy:check', { skip: !renderer() && 'neither kubectl nor kustomize is installed' }, () => {
  before(() => {
    for (const overlay of ['dev', 'prod']) rendered[overlay] = renderOverlay(overlay);
  });

  it('passes the overlays as they are', async () => {
    for (const overlay of ['dev', 'prod']) assert.deepEqual(await problemsOf(rendered[overlay], overlay), [], overlay);
  });

  it('refuses a container port that is not the service’s port', async () => {
    const objects = broken('prod', 'Deployment', 'inventory', (d) => (container(d).ports[0].containerPort = 3011));
    assertReported(await problemsOf(objects), /Deployment\/inventory: container port "http" is 3011, inventory listens on 3001/);
  });

  it('refuses a Kong upstream target that no Service port answers', async () => {
    const objects = broken('prod', 'Service', 'retail', (s) => (s.spec.ports[0].port = 3013));
    assertReported(
      await problemsOf(objects),
      /kong\.yml upstream retail-upstream target retail:3003: Service retail has no port 3003/,
    );
    const renamed = {
      ...facts,
      kongTargets: [...facts.kongTargets, { upstream: 'inventory-upstream', target: 'inventory-1:3001' }],
    };
    assertReported(await problemsOf(rendered.prod, 'prod', renamed), /target inventory-1:3001: no Service named "inventory-1"/);
  });

  it('refuses a Service with a cluster address where Kong needs one address per pod', async () => {
    const objects = broken('prod', 'Service', 'ecommerce', (s) => delete s.spec.clusterIP);
    assertReported(await problemsOf(objects), /Service ecommerce: not headless/);
  });

  it('refuses probes on other paths than /health and /health/live', async () => {
    const objects = broken('dev', 'Deployment', 'reporting', (d) => {
      container(d).readinessProbe.httpGet.path = '/healthz';
      container(d).livenessProbe.httpGet.port = 8080;
    });
    assertReported(
      await problemsOf(objects, 'dev'),
      /reporting: readiness probe is not GET \/health on port 3004/,
      /reporting: liveness probe is not GET \/health\/live/,
    );
  });

  it('refuses a misspelt field and a value of the wrong type, as kubectl apply would', async () => {
    const objects = broken('prod', 'Deployment', 'saga-orchestrator', (d) => {
      const app = container(d);
      app.readinesProbe = app.readinessProbe;
      app.resources.limits.memory = { size: '384Mi' };
    });
    assertReported(
      await problemsOf(objects),
      /Deployment\/saga-orchestrator: .*readinesProbe is not a known field/,
      /Deployment\/saga-orchestrator: .*memory/,
    );
  });

  it('refuses custom resources their CRD refuses', async () => {
    const monitor = broken('prod', 'ServiceMonitor', 'inventory', (m) => {
      m.spec.endpoints[0].interval = '15 seconds';
      m.spec.endpoints[0].metricsPath = '/metrics';
    });
    assertReported(
      await problemsOf(monitor),
      /ServiceMonitor\/inventory: \/spec\/endpoints\/0\/interval must match pattern/,
      /must NOT have additional properties \(metricsPath\)/,
    );
    const rule = broken('prod', 'PrometheusRule', 'retail-platform', (r) => delete r.spec.groups[0].rules[0].expr);
    assertReported(await problemsOf(rule), /PrometheusRule\/retail-platform: .*must have required property 'expr'/);
  });

  it('refuses alert rules that differ from prometheus/rules', async () => {
    const objects = broken('prod', 'PrometheusRule', 'retail-platform', (r) => (r.spec.groups[0].rules[0].for = '5m'));
    assertReported(await problemsOf(objects), /the PrometheusRule differs from prometheus\/rules/);
  });

  it('refuses a setting the service does not read, and a URL to a Service that is not there', async () => {
    const objects = broken('dev', 'ConfigMap', 'inventory-config', (c) => {
      c.data.PRODUCT_CACHE_SECONDS = '5';
      c.data.REDIS_URL = 'redis://cache:6379';
    });
    assertReported(
      await problemsOf(objects, 'dev'),
      /Deployment\/inventory container app: PRODUCT_CACHE_SECONDS is not a setting inventory reads/,
      /REDIS_URL=redis:\/\/cache:6379: no Service named "cache"/,
    );
  });

  it('refuses a Secret that is neither rendered nor one the site supplies', async () => {
    const objects = broken(
      'prod',
      'Deployment',
      'retail',
      (d) => (container(d).env[0].valueFrom.secretKeyRef.name = 'retail-db'),
    );
    assertReported(
      await problemsOf(objects),
      /Deployment\/retail container app: Secret retail-db is neither rendered nor one the site supplies/,
    );
  });

  it('refuses a service whose migrations are not run by its init container', async () => {
    const objects = broken('prod', 'Deployment', 'ecommerce', (d) => (d.spec.template.spec.initContainers = []));
    assertReported(await problemsOf(objects), /Deployment\/ecommerce: no init container "migrate"/);
  });

  it('refuses a grace period shorter than the drain and the longest request', async () => {
    const objects = broken(
      'prod',
      'Deployment',
      'saga-orchestrator',
      (d) => (d.spec.template.spec.terminationGracePeriodSeconds = 30),
    );
    assertReported(await problemsOf(objects), /saga-orchestrator: terminationGracePeriodSeconds 30 < 48/);
  });

  it('refuses a container that may run as root or write to its image', async () => {
    const objects = broken('prod', 'Deployment', 'console', (d) => {
      delete d.spec.template.spec.securityContext.runAsNonRoot;
      container(d, 'console').securityContext.readOnlyRootFilesystem = false;
    });
    assertReported(
      await problemsOf(objects),
      /Deployment\/console container console: may run as root/,
      /Deployment\/console container console: root filesystem is writable/,
    );
  });

  it('refuses an image without a release tag', async () => {
    const objects = broken('prod', 'Deployment', 'kong', (d) => (container(d, 'kong').image = 'kong'));
    assertReported(await problemsOf(objects), /Deployment\/kong container kong: image kong has no release tag/);
  });

  it('refuses production without autoscaling, and development with it', async () => {
    const withoutHpa = structuredClone(rendered.prod).filter(
      (o) => !(o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'inventory'),
    );
    assertReported(await problemsOf(withoutHpa), /Deployment\/inventory: no HorizontalPodAutoscaler/);
    const hpa = rendered.prod.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'inventory');
    assertReported(await problemsOf([...structuredClone(rendered.dev), hpa], 'dev'), /Deployment\/inventory: not one replica/);
  });

  it('refuses a production Kong that lacks a key its consumers ask for', async () => {
    const objects = broken('prod', 'Deployment', 'kong', (d) => {
      const render = d.spec.template.spec.initContainers.find((c) => c.name === 'render-config');
      render.env = render.env.filter((v) => v.name !== 'DECK_FRONTEND_API_KEY');
    });
    assertReported(await problemsOf(objects), /render-config: no DECK_FRONTEND_API_KEY for kong\/consumers\.production\.yml/);
  });

  it('refuses an overlay that does not render, with kustomize’s message', () => {
    assert.throws(() => renderOverlay('staging'), /staging does not render/);
  });
});
