// `npm run deploy:check`: the Kubernetes deployment (deploy/kubernetes, ADR 18) checked offline, in seconds.
//
//  1. Every overlay renders: `kubectl kustomize` (kustomize is built into kubectl), else a standalone `kustomize
//     build`, with the load restrictor off, since kong/kong.yml, kong/consumers.production.yml and the dashboards
//     are read where they are, never copied.
//  2. Every object validates: Kubernetes objects against Kubernetes' schemas (the kubernetes-models package), custom
//     resources (ServiceMonitor, PrometheusRule) against their CRDs' schemas (deploy/kubernetes/crds, with ajv). A
//     field the schema does not know is an error too, as `kubectl apply` (strict field validation) would make it.
//  3. The manifests agree with the rest of the repository: kong/kong.yml's upstream targets and Redis resolve to
//     Services with those ports, each service's Deployment listens on its default port (libs/contracts) and probes
//     /health and /health/live, its environment holds only variables libs/config and its own environment class
//     read, URLs in settings name Services that exist, migrations run in an init container, pods are non-root on a
//     read-only root filesystem and stop within their grace period, the alert rules equal prometheus/rules, the
//     dashboards equal grafana/dashboards, and the site's Secrets and ConfigMaps are the documented ones.
//  4. test/deploy/*.test.mjs (node:test): the checks above fail on broken manifests (`--no-self-test` skips it).
//
// `--write` first writes deploy/kubernetes/base/monitoring/prometheus-rules.yaml from prometheus/rules.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { parse, parseAllDocuments, stringify } from 'yaml';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KUBERNETES = 'deploy/kubernetes';
const RULES_FILE = `${KUBERNETES}/base/monitoring/prometheus-rules.yaml`;

/**
 * What each overlay must be, and what its site supplies: objects it references but does not render (kubectl creates
 * them before the first deploy; docs/operations.md, "Kubernetes"). Anything else referenced must be rendered.
 */
export const OVERLAYS = {
  dev: { autoscaled: false, external: {} },
  prod: {
    autoscaled: true,
    external: {
      'Secret/services-database': ['DATABASE_URL'],
      'Secret/kong-consumer-keys': ['DECK_ADMIN_API_KEY', 'DECK_FRONTEND_API_KEY'],
      'ConfigMap/site': ['PUBLIC_API_URL', 'CONSOLE_ORIGIN'],
    },
  },
};

const STANDARD_LABELS = ['app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/instance'];
const OWN_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/component'];
const DEFAULT_PORTS = { http: 80, https: 443, postgres: 5432, postgresql: 5432, redis: 6379, rediss: 6379, nats: 4222 };

const read = (root, path) => readFileSync(join(root, path), 'utf8');

// ---------------------------------------------------------------------------------------------------------------
// What the rest of the repository says

/** The facts the manifests must agree with, read from the sources that define them. */
export function loadFacts(root = ROOT) {
  const services = new Map(
    [...read(root, 'libs/contracts/src/services.ts').matchAll(/^\s*'?([a-z-]+)'?: \{ httpPort: (\d+)/gm)].map(
      ([, name, port]) => [name, Number(port)],
    ),
  );
  if (services.size !== 5) throw new Error(`libs/contracts/src/services.ts: expected 5 services, read ${services.size}`);

  // Property names of the environment classes are the variable names (libs/config/src/service-environment.ts).
  const variablesOf = (path) =>
    new Set([...read(root, path).matchAll(/\b([A-Z][A-Z0-9_]*)[?!]?: [^;\n]+;/g)].map(([, name]) => name));
  const common = variablesOf('libs/config/src/service-environment.ts');
  for (const name of ['NODE_ENV', 'PORT', 'DATABASE_URL', 'NATS_URL']) {
    if (!common.has(name)) throw new Error(`libs/config/src/service-environment.ts: ${name} not found`);
  }
  // Names built from the service's name (libs/config/src/index.ts) and the image's selector (Dockerfile's CMD).
  const configIndex = read(root, 'libs/config/src/index.ts');
  if (!configIndex.includes('_DATABASE_URL') || !configIndex.includes('_TCP_URL')) {
    throw new Error('libs/config/src/index.ts no longer reads <SERVICE>_DATABASE_URL and <SERVICE>_TCP_URL');
  }
  if (!/\$APP\b/.test(read(root, 'Dockerfile'))) throw new Error('Dockerfile no longer selects the app with $APP');
  const upper = (name) => name.toUpperCase().replace(/-/g, '_');
  const environments = new Map();
  for (const service of services.keys()) {
    const dir = `apps/${service}/src`;
    const own = readdirSync(join(root, dir)).filter((file) => file.endsWith('.environment.ts'));
    const names = new Set([...common, 'APP', `${upper(service)}_DATABASE_URL`]);
    for (const peer of services.keys()) names.add(`${upper(peer)}_TCP_URL`);
    for (const file of own) for (const name of variablesOf(`${dir}/${file}`)) names.add(name);
    environments.set(service, names);
  }
  const consoleVariables = new Set(
    [...read(root, 'tools/src/console-server.ts').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map(([, name]) => name),
  );

  // How long a service may take to stop: its longest request (the saga long poll) and a participant call.
  const longPollSeconds = Number(
    /MAX_WAIT_SECONDS = (\d+)/.exec(read(root, 'apps/saga-orchestrator/src/sagas/prefer-wait.ts'))?.[1],
  );
  const callTimeoutMs = Number(
    /SAGA_CALL_TIMEOUT_MS: number = ([\d_]+)/
      .exec(read(root, 'apps/saga-orchestrator/src/saga-orchestrator.environment.ts'))?.[1]
      .replace(/_/g, ''),
  );
  if (!(longPollSeconds > 0 && callTimeoutMs > 0)) throw new Error('cannot read MAX_WAIT_SECONDS or SAGA_CALL_TIMEOUT_MS');

  const kongText = read(root, 'kong/kong.yml');
  const kong = parse(kongText, { merge: true });
  const redisAddresses = [];
  const findRedis = (value) => {
    if (Array.isArray(value)) value.forEach(findRedis);
    else if (value && typeof value === 'object') {
      if (value.redis && typeof value.redis === 'object' && value.redis.host) redisAddresses.push(value.redis);
      Object.values(value).forEach(findRedis);
    }
  };
  findRedis(kong);
  const productionConsumers = read(root, 'kong/consumers.production.yml');
  const deckVariables = new Set([...productionConsumers.matchAll(/env "([A-Z0-9_]+)"/g)].map(([, name]) => name));

  const prometheusJobs = new Set(parse(read(root, 'prometheus/prometheus.yml')).scrape_configs.map((job) => job.job_name));
  const dashboards = new Map(
    readdirSync(join(root, 'grafana/dashboards'))
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file, read(root, `grafana/dashboards/${file}`)]),
  );

  return {
    services,
    environments,
    consoleVariables,
    longPollSeconds,
    callTimeoutSeconds: callTimeoutMs / 1000,
    kongText,
    kongTargets: kong.upstreams.flatMap((upstream) => upstream.targets.map((t) => ({ upstream: upstream.name, ...t }))),
    redisAddresses,
    deckVariables,
    prometheusJobs,
    prometheusRule: prometheusRule(root),
    dashboards,
  };
}

/** prometheus/rules/*.rules.yml as one PrometheusRule: what base/monitoring/prometheus-rules.yaml must hold. */
export function prometheusRule(root = ROOT) {
  const files = readdirSync(join(root, 'prometheus/rules'))
    .filter((file) => file.endsWith('.rules.yml'))
    .sort();
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'retail-platform',
      labels: { 'app.kubernetes.io/name': 'retail-platform', 'app.kubernetes.io/component': 'alerting' },
    },
    spec: { groups: files.flatMap((file) => parse(read(root, `prometheus/rules/${file}`)).groups) },
  };
}

function writePrometheusRule(root) {
  const header =
    "# prometheus/rules/*.rules.yml (the rules docker-compose.yml's Prometheus loads) as one PrometheusRule.\n" +
    '# Generated: edit the rule files, then `node tools/deploy-check.mjs --write`. `npm run deploy:check` fails when\n' +
    '# this file and the rule files differ.\n';
  writeFileSync(join(root, RULES_FILE), header + stringify(prometheusRule(root), { lineWidth: 0 }));
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering

function commandExists(command) {
  return spawnSync(command, ['version', '--client'], { stdio: 'ignore' }).error === undefined;
}

/** The renderer this machine has: kubectl's built-in kustomize, else a standalone kustomize. */
export function renderer() {
  if (commandExists('kubectl')) return { name: 'kubectl kustomize', command: 'kubectl', args: ['kustomize'] };
  if (commandExists('kustomize')) return { name: 'kustomize build', command: 'kustomize', args: ['build'] };
  return undefined;
}

/** The objects an overlay renders to (throws with kustomize's message when it does not render). */
export function renderOverlay(overlay, root = ROOT, tool = renderer()) {
  if (!tool) throw new Error('neither kubectl nor kustomize is installed: nothing can render the overlays');
  const dir = join(root, KUBERNETES, 'overlays', overlay);
  const result = spawnSync(tool.command, [...tool.args, '--load-restrictor', 'LoadRestrictionsNone', dir], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${overlay} does not render:\n${result.stderr || result.error}`);
  return parseAllDocuments(result.stdout).map((document) => {
    if (document.errors.length) throw new Error(`${overlay}: ${document.errors[0].message}`);
    return document.toJS();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const idOf = (object) => `${object.kind}/${object.metadata?.name}`;

/**
 * Runs a kubernetes-models validator on a copy of `value` whose objects record which properties the validator
 * reads: a property it never reads is one the schema does not define (the compiled validators read every property
 * they know, and every key of a map).
 */
function validateStrictly(validate, value) {
  const records = [];
  const track = (node, path) => {
    if (Array.isArray(node)) return node.map((item, index) => track(item, `${path}/${index}`));
    if (!node || typeof node !== 'object') return node;
    const copy = Object.fromEntries(Object.entries(node).map(([key, item]) => [key, track(item, `${path}/${key}`)]));
    const read = new Set();
    records.push({ path, keys: Object.keys(copy), read });
    return new Proxy(copy, {
      get(target, key, receiver) {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key, receiver);
      },
    });
  };
  const problems = [];
  try {
    validate(track(value, ''));
  } catch (error) {
    // kubernetes-models names the value `data`: "data/spec/replicas must be integer, data/...".
    problems.push(
      ...String(error.message)
        .split(/, (?=data\b)/)
        .map((problem) => problem.replace(/^data(?=\/)/, '')),
    );
  }
  // The outermost unknown field only: what lies inside it is unknown because it is.
  const unknown = records.flatMap(({ path, keys, read }) => keys.filter((key) => !read.has(key)).map((key) => `${path}/${key}`));
  for (const path of unknown) {
    if (!unknown.some((outer) => path.startsWith(`${outer}/`))) problems.push(`${path} is not a known field`);
  }
  return problems;
}

const modelCache = new Map();

async function modelOf(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!modelCache.has(key)) {
    modelCache.set(
      key,
      import(`kubernetes-models/${apiVersion}/${kind}`).then(
        (module) => module[kind],
        () => undefined,
      ),
    );
  }
  return modelCache.get(key);
}

/** Validators for the custom resources whose CRDs are vendored under deploy/kubernetes/crds. */
export function loadCrdValidators(root = ROOT) {
  // Kubernetes' patterns are Go (RE2) expressions: a leading `(?i)` is JavaScript's `i` flag.
  const re2 = (pattern, flags) =>
    pattern.includes('(?i)') ? new RegExp(pattern.replace('(?i)', ''), `${flags}i`) : new RegExp(pattern, flags);
  const ajv = new Ajv({ allErrors: true, strict: false, code: { regExp: re2 } });
  for (const format of ['int32', 'int64', 'date-time', 'byte']) ajv.addFormat(format, true);
  // Strict field validation: an object schema with properties admits no others, unless it says so.
  const closed = (schema) => {
    if (Array.isArray(schema)) return schema.map(closed);
    if (!schema || typeof schema !== 'object') return schema;
    const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, closed(value)]));
    if (copy.properties && copy.additionalProperties === undefined && !copy['x-kubernetes-preserve-unknown-fields']) {
      copy.additionalProperties = false;
    }
    return copy;
  };
  const validators = new Map();
  const dir = join(root, KUBERNETES, 'crds');
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.yaml'))) {
    const crd = parse(readFileSync(join(dir, file), 'utf8'));
    for (const version of crd.spec.versions) {
      const schema = closed(version.schema.openAPIV3Schema);
      // metadata is Kubernetes' ObjectMeta, checked with Kubernetes' own schema below.
      schema.properties.metadata = { type: 'object' };
      validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
    }
  }
  return validators;
}

/** Problems of each object against its schema, and how many objects of each kind of schema were checked. */
export async function validateObjects(objects, crdValidators = loadCrdValidators()) {
  const problems = [];
  let builtIn = 0;
  let custom = 0;
  for (const object of objects) {
    const id = idOf(object);
    const crd = crdValidators.get(`${object.apiVersion}/${object.kind}`);
    if (crd) {
      custom++;
      if (!crd(object)) {
        for (const error of crd.errors) {
          const where = error.instancePath || '/';
          const detail = error.params?.additionalProperty ? ` (${error.params.additionalProperty})` : '';
          problems.push(`${id}: ${where} ${error.message}${detail}`);
        }
      }
      // The metadata of a custom resource is an ObjectMeta like any other's.
      const metadata = validateStrictly((value) => ConfigMap.prototype.validate.call(value), {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: object.metadata,
      });
      problems.push(...metadata.map((problem) => `${id}: ${problem}`));
      continue;
    }
    const Model = await modelOf(object.apiVersion, object.kind);
    if (!Model) {
      problems.push(`${id}: no schema for ${object.apiVersion} ${object.kind} (vendor its CRD under ${KUBERNETES}/crds)`);
      continue;
    }
    builtIn++;
    const plain = new Model(object).toJSON();
    for (const problem of validateStrictly((value) => Model.prototype.validate.call(value), plain)) {
      problems.push(`${id}: ${problem}`);
    }
  }
  return { problems, builtIn, custom };
}

// ---------------------------------------------------------------------------------------------------------------
// Agreement with the repository

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function selects(selector, labels = {}) {
  return Object.entries(selector ?? {}).every(([key, value]) => labels[key] === value);
}

/** Every check that the overlay's objects agree with the repository; `problems` is empty when they do. */
export function checkAgreement(objects, facts, overlay) {
  const expectations = OVERLAYS[overlay] ?? { autoscaled: false, external: {} };
  const problems = new Set();
  let checks = 0;
  const expect = (condition, problem) => {
    checks++;
    if (!condition) problems.add(problem);
    return Boolean(condition);
  };
  const byKind = (kind) => objects.filter((object) => object.kind === kind);
  const find = (kind, name) => objects.find((object) => object.kind === kind && object.metadata.name === name);
  const workloads = objects.filter((object) => WORKLOAD_KINDS.has(object.kind));
  const services = byKind('Service');
  const podsOf = (service) =>
    workloads.filter((w) => service.spec.selector && selects(service.spec.selector, w.spec.template.metadata?.labels));
  const containersOf = (workload) => [
    ...(workload.spec.template.spec.initContainers ?? []),
    ...workload.spec.template.spec.containers,
  ];

  /** A Service port's container port number on the pods it selects (undefined when it resolves to none). */
  const containerPortOf = (service, servicePort) =>
    podsOf(service)
      .flatMap((workload) => workload.spec.template.spec.containers.flatMap((c) => c.ports ?? []))
      .find((p) =>
        typeof servicePort.targetPort === 'string'
          ? p.name === servicePort.targetPort
          : p.containerPort === (servicePort.targetPort ?? servicePort.port),
      )?.containerPort;

  /** Whether `host:port` reaches pods: a Service of that name with that port, whose target a pod listens on. */
  const resolves = (where, host, port) => {
    const service = find('Service', host);
    if (!expect(service, `${where}: no Service named "${host}"`)) return undefined;
    const servicePort = service.spec.ports.find((p) => p.port === port);
    if (!expect(servicePort, `${where}: Service ${host} has no port ${port}`)) return undefined;
    const target = containerPortOf(service, servicePort);
    expect(target !== undefined, `${where}: Service ${host} port ${port} reaches no container port of the pods it selects`);
    return service;
  };

  // Referenced Secrets and ConfigMaps are rendered, or the site supplies them (OVERLAYS.external).
  const checkReference = (where, kind, name, key) => {
    const object = find(kind, name);
    if (object) {
      if (key) expect(key in { ...object.data, ...object.stringData }, `${where}: ${kind} ${name} has no key ${key}`);
      return;
    }
    const external = expectations.external[`${kind}/${name}`];
    if (expect(external, `${where}: ${kind} ${name} is neither rendered nor one the site supplies (OVERLAYS.external)`)) {
      if (key) expect(external.includes(key), `${where}: ${kind} ${name} is supplied by the site without key ${key}`);
    }
  };

  /** The environment a container gets: name -> value (undefined where the value is the site's). */
  const environmentOf = (where, container) => {
    const env = new Map();
    for (const source of container.envFrom ?? []) {
      const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
      const name = (source.configMapRef ?? source.secretRef).name;
      checkReference(where, kind, name);
      const object = find(kind, name);
      for (const [key, value] of Object.entries(object?.data ?? {})) {
        env.set(key, kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value);
      }
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.configMapKeyRef ?? variable.valueFrom?.secretKeyRef;
      if (ref) {
        const kind = variable.valueFrom.configMapKeyRef ? 'ConfigMap' : 'Secret';
        checkReference(where, kind, ref.name, ref.key);
        const value = find(kind, ref.name)?.data?.[ref.key];
        env.set(
          variable.name,
          value === undefined ? undefined : kind === 'Secret' ? Buffer.from(value, 'base64').toString('utf8') : value,
        );
      } else {
        env.set(variable.name, variable.value);
      }
    }
    return env;
  };

  /** Settings that are URLs name Services of this overlay with their ports (host names without a dot). */
  const checkUrls = (where, env) => {
    for (const [name, value] of env) {
      const url = /^([a-z]+):\/\/(?:[^@/\s]*@)?([a-z0-9-]+)(?::(\d+))?(?:[/?]|$)/.exec(value ?? '');
      if (!url || !(url[1] in DEFAULT_PORTS)) continue;
      resolves(`${where} ${name}=${value.replace(/\/\/[^@/]*@/, '//…@')}`, url[2], Number(url[3] ?? DEFAULT_PORTS[url[1]]));
    }
  };

  // Every object carries the standard labels; objects written here also name themselves and their component.
  for (const object of objects) {
    const labels = object.metadata.labels ?? {};
    for (const label of STANDARD_LABELS) expect(labels[label], `${idOf(object)}: no label ${label}`);
    if (!['ConfigMap', 'Secret'].includes(object.kind)) {
      for (const label of OWN_LABELS) expect(labels[label], `${idOf(object)}: no label ${label}`);
    }
  }

  // Pods: the restricted Pod Security Standard, sizes, tagged images, a grace period longer than the drain.
  for (const workload of workloads) {
    const id = idOf(workload);
    const pod = workload.spec.template.spec;
    expect(
      selects(workload.spec.selector.matchLabels, workload.spec.template.metadata?.labels),
      `${id}: its selector does not select its own pods`,
    );
    expect(pod.securityContext?.seccompProfile?.type === 'RuntimeDefault', `${id}: no RuntimeDefault seccomp profile`);
    expect(pod.automountServiceAccountToken === false, `${id}: mounts a service account token it does not use`);
    for (const volume of pod.volumes ?? []) {
      if (volume.configMap) checkReference(`${id} volume ${volume.name}`, 'ConfigMap', volume.configMap.name);
      if (volume.secret) checkReference(`${id} volume ${volume.name}`, 'Secret', volume.secret.secretName);
    }
    for (const container of containersOf(workload)) {
      const where = `${id} container ${container.name}`;
      const security = container.securityContext ?? {};
      expect((security.runAsNonRoot ?? pod.securityContext?.runAsNonRoot) === true, `${where}: may run as root`);
      expect(security.readOnlyRootFilesystem === true, `${where}: root filesystem is writable`);
      expect(security.allowPrivilegeEscalation === false, `${where}: allows privilege escalation`);
      expect(security.capabilities?.drop?.includes('ALL'), `${where}: keeps Linux capabilities`);
      expect(container.resources?.requests?.cpu && container.resources?.requests?.memory, `${where}: no CPU and memory requests`);
      expect(container.resources?.limits?.memory, `${where}: no memory limit`);
      const tag = /:([\w.-]+)$/.exec(container.image)?.[1];
      expect(tag && tag !== 'latest', `${where}: image ${container.image} has no release tag`);
      const env = environmentOf(where, container);
      checkUrls(where, env);
    }
  }

  // The five services.
  for (const [service, port] of facts.services) {
    const deployment = find('Deployment', service);
    if (!expect(deployment, `no Deployment for service ${service}`)) continue;
    const id = idOf(deployment);
    const pod = deployment.spec.template.spec;
    const app = pod.containers.find((c) => c.name === 'app');
    if (!expect(app && pod.containers.length === 1, `${id}: one container, named app`)) continue;
    const http = app.ports?.find((p) => p.name === 'http');
    expect(
      http?.containerPort === port,
      `${id}: container port "http" is ${http?.containerPort}, ${service} listens on ${port} (libs/contracts/src/services.ts)`,
    );
    const env = environmentOf(`${id} container app`, app);
    expect(env.get('APP') === service, `${id}: APP is ${env.get('APP')}, not ${service} (the image runs dist/apps/$APP)`);
    expect(
      !env.has('PORT') || Number(env.get('PORT')) === port,
      `${id}: PORT=${env.get('PORT')} but the container port is ${port}`,
    );
    const probePort = (probe) => (probe?.httpGet?.port === 'http' || probe?.httpGet?.port === port ? port : probe?.httpGet?.port);
    expect(
      app.readinessProbe?.httpGet?.path === '/health' && probePort(app.readinessProbe) === port,
      `${id}: readiness probe is not GET /health on port ${port}`,
    );
    expect(
      app.livenessProbe?.httpGet?.path === '/health/live' && probePort(app.livenessProbe) === port,
      `${id}: liveness probe is not GET /health/live on port ${port}`,
    );

    // Only variables the service reads (libs/config, its environment class, the image's APP).
    const accepted = facts.environments.get(service);
    for (const container of containersOf(deployment)) {
      for (const name of environmentOf(`${id} container ${container.name}`, container).keys()) {
        expect(
          accepted.has(name),
          `${id} container ${container.name}: ${name} is not a setting ${service} reads (libs/config, apps/${service}/src/*.environment.ts)`,
        );
      }
    }

    // Migrations in an init container, same image and database as the app.
    const migrate = pod.initContainers?.find((c) => c.name === 'migrate');
    if (expect(migrate, `${id}: no init container "migrate"`)) {
      expect(
        isDeepStrictEqual(
          [...(migrate.command ?? []), ...(migrate.args ?? [])],
          ['node', 'dist/tools/src/main.js', 'migrate', service],
        ),
        `${id}: the migrate init container does not run \`node dist/tools/src/main.js migrate ${service}\``,
      );
      expect(migrate.image === app.image, `${id}: migrations run from ${migrate.image}, the app from ${app.image}`);
      const database = (c) => JSON.stringify(c.env?.find((v) => v.name === 'DATABASE_URL'));
      expect(database(migrate) === database(app), `${id}: migrations and the app take DATABASE_URL from different places`);
    }

    // Stopping: endpoints drain (preStop), then Nest finishes the longest request and the current participant call.
    const drain = Number(app.lifecycle?.preStop?.exec?.command?.join(' ').match(/^sleep (\d+)$/)?.[1]);
    if (expect(drain > 0, `${id}: no preStop sleep to let the endpoints drain before SIGTERM`)) {
      const longest = (service === 'saga-orchestrator' ? facts.longPollSeconds : 0) + facts.callTimeoutSeconds;
      const needed = drain + longest + 5;
      expect(
        (pod.terminationGracePeriodSeconds ?? 30) >= needed,
        `${id}: terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds ?? 30} < ${needed} (preStop ${drain} s + requests ${longest} s + 5 s)`,
      );
    }

    // Reached by name: a headless Service (Kong's target expands to one address per pod).
    const svc = find('Service', service);
    if (expect(svc, `no Service named ${service}`)) {
      expect(svc.spec.clusterIP === 'None', `Service ${service}: not headless, so Kong would see one address for all pods`);
      expect(
        svc.spec.ports.some((p) => p.port === port),
        `Service ${service}: no port ${port}`,
      );
    }

    // Autoscaled where the overlay is, with a disruption budget.
    const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === service);
    if (expectations.autoscaled) {
      if (expect(hpa, `${id}: no HorizontalPodAutoscaler`)) {
        expect(hpa.spec.minReplicas >= 2, `HorizontalPodAutoscaler ${hpa.metadata.name}: minReplicas < 2`);
        expect(
          hpa.spec.metrics?.some((m) => m.resource?.name === 'cpu'),
          `HorizontalPodAutoscaler ${hpa.metadata.name}: not on CPU`,
        );
      }
      expect(
        byKind('PodDisruptionBudget').some((b) => selects(b.spec.selector.matchLabels, deployment.spec.template.metadata.labels)),
        `${id}: no PodDisruptionBudget`,
      );
      expect(deployment.spec.replicas === undefined, `${id}: sets replicas, which its HorizontalPodAutoscaler owns`);
    } else {
      expect(!hpa && (deployment.spec.replicas ?? 1) === 1, `${id}: not one replica`);
    }
  }

  // Every HPA scales something whose containers request CPU; every PDB covers pods.
  for (const hpa of byKind('HorizontalPodAutoscaler')) {
    const target = find(hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name);
    if (
      expect(
        target,
        `${idOf(hpa)}: scales ${hpa.spec.scaleTargetRef.kind} ${hpa.spec.scaleTargetRef.name}, which is not rendered`,
      )
    ) {
      expect(
        target.spec.template.spec.containers.every((c) => c.resources?.requests?.cpu),
        `${idOf(hpa)}: ${idOf(target)} has a container without a CPU request`,
      );
    }
  }
  for (const budget of byKind('PodDisruptionBudget')) {
    expect(
      workloads.some((w) => selects(budget.spec.selector.matchLabels, w.spec.template.metadata?.labels)),
      `${idOf(budget)}: selects no pods`,
    );
  }

  // Kong: its configuration is kong/kong.yml itself, its targets and Redis resolve here.
  const kong = find('Deployment', 'kong');
  if (expect(kong, 'no Deployment kong')) {
    const declarative = byKind('ConfigMap').find((c) => Object.values(c.data ?? {}).includes(facts.kongText));
    if (expect(declarative, 'no ConfigMap holds kong/kong.yml as it is')) {
      expect(
        kong.spec.template.spec.volumes?.some((v) => v.configMap?.name === declarative.metadata.name),
        `Deployment kong does not mount ConfigMap ${declarative.metadata.name}`,
      );
    }
    const gateway = kong.spec.template.spec.containers.find((c) => c.name === 'kong');
    for (const name of environmentOf('Deployment/kong', gateway).keys()) {
      expect(name.startsWith('KONG_'), `Deployment/kong: ${name} is not a Kong setting`);
    }
    const quit = gateway.lifecycle?.preStop?.exec?.command?.join(' ') ?? '';
    const wait = Number(/--wait=(\d+)/.exec(quit)?.[1] ?? 0) + Number(/--timeout=(\d+)/.exec(quit)?.[1] ?? 10);
    expect(quit.startsWith('kong quit'), 'Deployment/kong: no `kong quit` on stop');
    expect(
      (kong.spec.template.spec.terminationGracePeriodSeconds ?? 30) > wait,
      `Deployment/kong: grace period shorter than kong quit's wait and timeout (${wait} s)`,
    );
    // Production renders its consumers in: every key consumers.production.yml asks for is given.
    const render = kong.spec.template.spec.initContainers?.find((c) => c.name === 'render-config');
    if (render) {
      const given = environmentOf('Deployment/kong container render-config', render);
      for (const variable of facts.deckVariables)
        expect(given.has(variable), `Deployment/kong container render-config: no ${variable} for kong/consumers.production.yml`);
    }
  }
  for (const target of facts.kongTargets) {
    const [host, port] = target.target.split(':');
    const service = resolves(`kong.yml upstream ${target.upstream} target ${target.target}`, host, Number(port));
    if (service) expect(service.spec.clusterIP === 'None', `kong.yml target ${target.target}: Service ${host} is not headless`);
  }
  for (const redis of facts.redisAddresses)
    resolves(`kong.yml redis ${redis.host}:${redis.port}`, redis.host, redis.port ?? 6379);

  // The console: only the settings its server reads.
  const web = find('Deployment', 'console');
  if (expect(web, 'no Deployment console')) {
    for (const container of web.spec.template.spec.containers) {
      for (const name of environmentOf('Deployment/console', container).keys()) {
        expect(
          facts.consoleVariables.has(name),
          `Deployment/console: ${name} is not a setting tools/src/console-server.ts reads`,
        );
      }
      expect(
        container.ports?.some((p) => p.containerPort === 8080),
        'Deployment/console: does not listen on 8080',
      );
    }
  }

  // Monitoring: a ServiceMonitor per service, jobs as prometheus/prometheus.yml names them, rules and dashboards
  // equal to their files.
  for (const monitor of byKind('ServiceMonitor')) {
    const id = idOf(monitor);
    const targets = services.filter((s) => selects(monitor.spec.selector.matchLabels, s.metadata.labels));
    if (!expect(targets.length > 0, `${id}: selects no Service`)) continue;
    for (const target of targets) {
      const job = (monitor.spec.jobLabel && target.metadata.labels?.[monitor.spec.jobLabel]) || target.metadata.name;
      expect(
        facts.prometheusJobs.has(job),
        `${id}: job "${job}" is not a job of prometheus/prometheus.yml, which the alerts and dashboards use`,
      );
      for (const endpoint of monitor.spec.endpoints) {
        expect(
          target.spec.ports.some((p) => p.name === endpoint.port),
          `${id}: Service ${target.metadata.name} has no port named ${endpoint.port}`,
        );
      }
    }
  }
  for (const service of facts.services.keys()) {
    expect(
      byKind('ServiceMonitor').some((m) => selects(m.spec.selector.matchLabels, find('Service', service)?.metadata.labels)),
      `no ServiceMonitor for ${service}`,
    );
  }
  const rules = byKind('PrometheusRule');
  expect(
    rules.length === 1 && isDeepStrictEqual(rules[0].spec, facts.prometheusRule.spec),
    `the PrometheusRule differs from prometheus/rules/*.rules.yml: run \`node tools/deploy-check.mjs --write\``,
  );
  for (const [file, text] of facts.dashboards) {
    const map = byKind('ConfigMap').find((c) => c.data?.[file] !== undefined);
    if (expect(map, `no ConfigMap for grafana/dashboards/${file}`)) {
      expect(map.data[file] === text, `ConfigMap ${map.metadata.name}: ${file} differs from grafana/dashboards/${file}`);
      expect(
        map.metadata.labels?.grafana_dashboard === '1',
        `ConfigMap ${map.metadata.name}: no label grafana_dashboard: "1" for Grafana's sidecar`,
      );
    }
  }

  return { problems: [...problems], checks };
}

// ---------------------------------------------------------------------------------------------------------------

function summary(objects) {
  const kinds = new Map();
  for (const object of objects) kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
  return [...kinds]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}

async function main(argv) {
  const started = Date.now();
  if (argv.includes('--write')) {
    writePrometheusRule(ROOT);
    console.log(`wrote ${RULES_FILE}`);
  }
  const tool = renderer();
  if (!tool) {
    console.error('deploy:check: neither kubectl nor kustomize is installed; install kubectl (kustomize is built in)');
    return 1;
  }
  const facts = loadFacts();
  const crds = loadCrdValidators();
  console.log(
    `deploy:check: ${Object.keys(OVERLAYS).length} overlays with ${tool.name}; CRD schemas: ${[...crds.keys()].join(', ')}`,
  );
  let failed = false;
  const overlays = readdirSync(join(ROOT, KUBERNETES, 'overlays')).sort();
  for (const overlay of overlays) {
    const began = Date.now();
    let objects;
    try {
      if (!OVERLAYS[overlay]) throw new Error(`overlay ${overlay} is not described in tools/deploy-check.mjs (OVERLAYS)`);
      objects = renderOverlay(overlay, ROOT, tool);
    } catch (error) {
      console.error(`✗ ${overlay}: ${error.message}`);
      failed = true;
      continue;
    }
    const schemas = await validateObjects(objects, crds);
    const agreement = checkAgreement(objects, facts, overlay);
    const problems = [...schemas.problems, ...agreement.problems];
    console.log(
      `${problems.length ? '✗' : '✓'} ${overlay}: ${objects.length} objects (${summary(objects)}); ` +
        `schemas: ${schemas.builtIn} Kubernetes + ${schemas.custom} custom resources; ` +
        `${agreement.checks} agreement checks; ${Date.now() - began} ms`,
    );
    for (const problem of problems) console.log(`    ${problem}`);
    failed ||= problems.length > 0;
  }
  if (!argv.includes('--no-self-test') && !failed) {
    // The checks themselves, on manifests broken on purpose.
    const tests = spawnSync(process.execPath, ['--test', '--test-reporter=spec', join(ROOT, 'test/deploy/')], {
      stdio: 'inherit',
      cwd: ROOT,
    });
    failed ||= tests.status !== 0;
  }
  console.log(`deploy:check ${failed ? 'failed' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
