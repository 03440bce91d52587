// What a schema cannot see, checked across one overlay's objects. Each check returns problems as strings.

// The Herald services: their probes are on the ops port (HERALD_OPS_PORT), at these paths.
const HERALD_IMAGES = /(^|\/)herald\/(gateway|message-service|persistence-worker)(:|$)/;
const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet"]);

/**
 * @param objects   every rendered object of the overlay
 * @param settings  production: no development mode, https JWKS; externalSecrets: Secrets created outside the
 *                  overlay (kubectl create secret ...), which references may name
 */
export function checkObjects(objects, settings) {
  const index = new ObjectIndex(objects);
  return [
    ...checkNamespaces(objects),
    ...index.workloads.flatMap((workload) => checkWorkload(workload, index, settings)),
    ...objects.filter((o) => o.kind === "Service").flatMap((service) => checkService(service, index)),
    ...objects.filter((o) => o.kind === "PodDisruptionBudget").flatMap((pdb) => checkSelects(pdb, pdb.spec.selector, index)),
    ...objects.filter((o) => o.kind === "HorizontalPodAutoscaler").flatMap((hpa) => checkScaleTarget(hpa, index)),
    ...objects.filter((o) => o.kind === "NetworkPolicy").flatMap((policy) => checkNetworkPolicy(policy, index)),
    ...objects.filter((o) => o.kind === "ServiceMonitor").flatMap((monitor) => checkServiceMonitor(monitor, index)),
    ...checkConfig(index, settings),
  ];
}

/** The rendered objects by kind and name, and the pods each workload (or CloudNativePG Cluster) makes. */
class ObjectIndex {
  constructor(objects) {
    this.objects = objects;
    this.workloads = objects.filter((o) => WORKLOAD_KINDS.has(o.kind));
    // CloudNativePG labels its instance pods cnpg.io/cluster=<name> and keeps the owner's credentials in the
    // Secret <name>-app.
    this.clusters = objects.filter((o) => o.kind === "Cluster" && o.apiVersion.startsWith("postgresql.cnpg.io/"));
    this.podLabelSets = [
      ...this.workloads.map((w) => w.spec.template.metadata?.labels ?? {}),
      ...this.clusters.map((c) => ({ "cnpg.io/cluster": c.metadata.name })),
    ];
    this.operatorSecrets = new Set(this.clusters.map((c) => `${c.metadata.name}-app`));
  }

  find(kind, name) {
    return this.objects.find((o) => o.kind === kind && o.metadata?.name === name);
  }

  workloadsSelectedBy(selector) {
    return this.workloads.filter((w) => matches(selector, w.spec.template.metadata?.labels ?? {}));
  }

  selectsAnyPod(selector) {
    return this.podLabelSets.some((labels) => matches(selector, labels));
  }
}

function checkNamespaces(objects) {
  const namespaces = objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name);
  if (namespaces.length !== 1) return [`expected one Namespace, found ${namespaces.length}`];
  return objects
    .filter((o) => o.kind !== "Namespace" && o.metadata?.namespace !== namespaces[0])
    .map((o) => `${name(o)}: namespace ${o.metadata?.namespace} (expected: ${namespaces[0]})`);
}

function checkWorkload(workload, index, settings) {
  const problems = [];
  const pod = workload.spec.template.spec;
  const where = name(workload);
  if (!matches(workload.spec.selector, workload.spec.template.metadata?.labels ?? {})) {
    problems.push(`${where}: selector does not match its pod template's labels`);
  }
  for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
    const at = `${where} container ${container.name}`;
    if (container.securityContext?.runAsNonRoot !== true && pod.securityContext?.runAsNonRoot !== true) {
      problems.push(`${at}: runAsNonRoot is not set (pod or container securityContext)`);
    }
    const user = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
    if (user === undefined || user === 0) problems.push(`${at}: runAsUser must be a non-zero uid, is ${user}`);
    if (container.securityContext?.allowPrivilegeEscalation !== false) {
      problems.push(`${at}: allowPrivilegeEscalation must be false`);
    }
    const resources = container.resources ?? {};
    for (const [path, value] of [["requests.cpu", resources.requests?.cpu],
      ["requests.memory", resources.requests?.memory], ["limits.memory", resources.limits?.memory]]) {
      if (value === undefined) problems.push(`${at}: resources.${path} is not set`);
    }
    problems.push(...checkReferences(at, container, pod, index, settings));
  }
  for (const container of pod.containers) {
    problems.push(...checkProbes(`${where} container ${container.name}`, container));
  }
  return problems;
}

function checkProbes(at, container) {
  const problems = [];
  const ports = container.ports ?? [];
  for (const kind of ["readinessProbe", "livenessProbe"]) {
    const probe = container[kind];
    if (probe === undefined) {
      problems.push(`${at}: no ${kind}`);
      continue;
    }
    const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
    if (port !== undefined && !ports.some((p) => p.name === port || p.containerPort === port)) {
      problems.push(`${at}: ${kind} port ${port} is not one of the container's ports`);
    }
  }
  if (!HERALD_IMAGES.test(container.image)) return problems;
  // A Herald service: both probes over HTTP on its ops port, which is the port HERALD_OPS_PORT makes it serve.
  const ops = ports.find((p) => p.name === "ops");
  const opsEnv = (container.env ?? []).find((e) => e.name === "HERALD_OPS_PORT")?.value;
  if (ops === undefined) problems.push(`${at}: no container port named ops`);
  else if (String(ops.containerPort) !== opsEnv) {
    problems.push(`${at}: port ops is ${ops.containerPort} but HERALD_OPS_PORT is ${opsEnv}`);
  }
  for (const [kind, path] of [["readinessProbe", "/health/ready"], ["livenessProbe", "/health/live"]]) {
    const get = container[kind]?.httpGet;
    if (get === undefined || get.path !== path || (get.port !== "ops" && get.port !== ops?.containerPort)) {
      problems.push(`${at}: ${kind} must be httpGet ${path} on the ops port`);
    }
  }
  return problems;
}

/** Every ConfigMap and Secret a container reads exists: rendered here, made by an operator, or declared external. */
function checkReferences(at, container, pod, index, settings) {
  const problems = [];
  const need = (kind, refName, key) => {
    if (kind === "Secret" && (settings.externalSecrets.includes(refName) || index.operatorSecrets.has(refName))) return;
    const found = index.find(kind, refName);
    if (found === undefined) problems.push(`${at}: ${kind} ${refName} is neither rendered nor declared external`);
    else if (key !== undefined && !(key in (found.data ?? {})) && !(key in (found.stringData ?? {}))) {
      problems.push(`${at}: ${kind} ${refName} has no key ${key}`);
    }
  };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) need("ConfigMap", source.configMapRef.name);
    if (source.secretRef) need("Secret", source.secretRef.name);
  }
  for (const variable of container.env ?? []) {
    const from = variable.valueFrom ?? {};
    if (from.secretKeyRef) need("Secret", from.secretKeyRef.name, from.secretKeyRef.key);
    if (from.configMapKeyRef) need("ConfigMap", from.configMapKeyRef.name, from.configMapKeyRef.key);
  }
  const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
  for (const mount of container.volumeMounts ?? []) {
    const volume = volumes.get(mount.name);
    if (volume === undefined) {
      const claims = (index.workloads.find((w) => w.spec.template.spec === pod)?.spec.volumeClaimTemplates ?? []);
      if (!claims.some((c) => c.metadata.name === mount.name)) problems.push(`${at}: mounts unknown volume ${mount.name}`);
      continue;
    }
    if (volume.secret) need("Secret", volume.secret.secretName);
    if (volume.configMap) need("ConfigMap", volume.configMap.name);
  }
  return problems;
}

function checkService(service, index) {
  const selector = service.spec.selector;
  if (selector === undefined) return [`${name(service)}: no selector`];
  const selected = index.workloadsSelectedBy({ matchLabels: selector });
  if (selected.length === 0) return [`${name(service)}: selector ${JSON.stringify(selector)} selects no pods`];
  const problems = [];
  for (const port of service.spec.ports ?? []) {
    const target = port.targetPort ?? port.port;
    const served = selected.every((w) => w.spec.template.spec.containers
      .some((c) => (c.ports ?? []).some((p) => p.name === target || p.containerPort === target)));
    if (!served) problems.push(`${name(service)}: targetPort ${target} is not a port of the pods it selects`);
  }
  return problems;
}

function checkSelects(object, selector, index) {
  return index.selectsAnyPod(selector) ? [] : [`${name(object)}: selector ${JSON.stringify(selector)} selects no pods`];
}

function checkScaleTarget(hpa, index) {
  const target = hpa.spec.scaleTargetRef;
  return index.find(target.kind, target.name) === undefined
    ? [`${name(hpa)}: scaleTargetRef ${target.kind} ${target.name} is not rendered`] : [];
}

function checkNetworkPolicy(policy, index) {
  const problems = [];
  const own = policy.spec.podSelector;
  const empty = Object.keys(own.matchLabels ?? {}).length === 0 && (own.matchExpressions ?? []).length === 0;
  if (!empty) problems.push(...checkSelects(policy, own, index));
  const peers = [...(policy.spec.ingress ?? []).flatMap((r) => r.from ?? []),
    ...(policy.spec.egress ?? []).flatMap((r) => r.to ?? [])];
  for (const peer of peers) {
    // A peer in another namespace (Prometheus, the operator) is outside this overlay.
    if (peer.podSelector && !peer.namespaceSelector && !index.selectsAnyPod(peer.podSelector)) {
      problems.push(`${name(policy)}: peer ${JSON.stringify(peer.podSelector)} selects no pods`);
    }
  }
  return problems;
}

function checkServiceMonitor(monitor, index) {
  const services = index.objects.filter((o) => o.kind === "Service" && matches(monitor.spec.selector, o.metadata.labels ?? {}));
  if (services.length === 0) return [`${name(monitor)}: selects no Service`];
  const problems = [];
  for (const endpoint of monitor.spec.endpoints ?? []) {
    for (const service of services) {
      if (!(service.spec.ports ?? []).some((p) => p.name === endpoint.port)) {
        problems.push(`${name(monitor)}: selected ${name(service)} has no port named ${endpoint.port}`);
      }
    }
  }
  return problems;
}

/** The shared settings every Herald service reads through envFrom. */
function checkConfig(index, settings) {
  const problems = [];
  for (const workload of index.workloads) {
    for (const container of workload.spec.template.spec.containers) {
      if (!HERALD_IMAGES.test(container.image)) continue;
      const at = `${name(workload)} container ${container.name}`;
      const variables = effectiveEnv(container, index);
      if (variables.HERALD_OPS_HOST !== "0.0.0.0") problems.push(`${at}: HERALD_OPS_HOST is not 0.0.0.0 (probes could not reach it)`);
      if (settings.production) {
        if (variables.HERALD_DEV_MODE === "true") problems.push(`${at}: HERALD_DEV_MODE=true in production`);
        if (!/^https:\/\//.test(variables.HERALD_JWKS_URL ?? "") && !container.image.includes("persistence-worker")) {
          problems.push(`${at}: HERALD_JWKS_URL must be https in production, is ${variables.HERALD_JWKS_URL}`);
        }
      }
    }
  }
  return problems;
}

function effectiveEnv(container, index) {
  const variables = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(variables, index.find("ConfigMap", source.configMapRef.name)?.data ?? {});
  }
  for (const variable of container.env ?? []) {
    if (variable.value !== undefined) variables[variable.name] = variable.value;
  }
  return variables;
}

/** Kubernetes label selector semantics: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
function matches(selector, labels) {
  if (selector === undefined || selector === null) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = key in labels;
    if (operator === "In" && !(has && values.includes(labels[key]))) return false;
    if (operator === "NotIn" && has && values.includes(labels[key])) return false;
    if (operator === "Exists" && !has) return false;
    if (operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function name(object) {
  return `${object.kind} ${object.metadata?.name}`;
}
