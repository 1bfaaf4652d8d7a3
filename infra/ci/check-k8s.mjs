// Checks the rendered Kubernetes manifests of every overlay (infra/k8s): each object against its JSON schema
// (Kubernetes 1.27 schemas from kubernetes-models; the FlinkDeployment against the operator's own CRD schema), then
// the structure the platform relies on (probes, replicas, HPA and PDB targets, selectors matching labels, the live
// Service selecting exactly one colour, no default secrets outside dev, images named per overlay, every setting a
// documented TRII_* variable). Finally it runs the same checks on broken copies and expects each to be caught.
//
// Usage: node check-k8s.mjs RENDER_DIR FLINK_CRD_YAML REPO_ROOT
//   RENDER_DIR holds dev.yaml, staging.yaml, prod.yaml (overlays as committed) and ci-prod.yaml (prod rendered by
//   render.sh --owner ci-owner --tag ci-tag). Prints one line per failure and "k8s: N passed, N failed".
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import Ajv from "ajv";
import * as models from "kubernetes-models";

const [renderDir, crdFile, repoRoot] = process.argv.slice(2);
if (!renderDir || !crdFile || !repoRoot) {
  console.error("usage: node check-k8s.mjs RENDER_DIR FLINK_CRD_YAML REPO_ROOT");
  process.exit(2);
}

const IMAGE_NAMES = ["trii-scheduler", "trii-scoring-api", "trii-ingestion"];
const SECRETS = ["trii-db", "trii-s3", "trii-console"];
const COLOURS = ["blue", "green"];
const PLACEHOLDER = /change.?me|placeholder|example|todo|xxx|secret-here|^<.*>$|^\s*$/i;
// environment variables that are not TRII settings but are read by what runs in the pods
const OTHER_ENV = new Set(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ENABLE_BUILT_IN_PLUGINS",
  "MLFLOW_TRACKING_URI"]);

const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
// the built-in defaults of the secret settings, from README's configuration table
const builtInSecretDefaults = new Set(["trii"]);
for (const m of readme.matchAll(/^\| `(TRII_[A-Z_]+)` \| `[^`]*` \| `([^`]*)` \|.*\(secret\)/gm)) {
  builtInSecretDefaults.add(m[2]);
}

// --- schemas -----------------------------------------------------------------------------------------------------
const crd = YAML.parse(fs.readFileSync(crdFile, "utf8"));
const flinkSchema = structuredClone(crd.spec.versions.find((v) => v.name === "v1beta1").schema.openAPIV3Schema);
// The newest operator API on Maven Central (1.10) lists Flink versions up to 1.20; operators 1.11+ add v2_0, which
// the job (Flink 2.0) needs. Nothing else of the spec used here differs.
flinkSchema.properties.spec.properties.flinkVersion.enum.push("v2_0");
const ajv = new Ajv({ strict: false, allErrors: true });
stripKubernetesExtensions(flinkSchema);
const validateFlink = ajv.compile(flinkSchema);

function stripKubernetesExtensions(schema) {
  if (schema && typeof schema === "object") {
    for (const key of Object.keys(schema)) {
      if (key.startsWith("x-kubernetes-")) delete schema[key];
      else stripKubernetesExtensions(schema[key]);
    }
  }
}

function modelClass(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`;
  const [g, v] = group.split("/");
  const moduleKey = g === "core" ? v : `${g}/${v}`;
  return { moduleKey, kind };
}

const modelModules = new Map();
async function schemaErrors(obj) {
  if (obj.kind === "FlinkDeployment") {
    if (obj.apiVersion !== "flink.apache.org/v1beta1") return [`apiVersion ${obj.apiVersion}`];
    return validateFlink(obj) ? [] : validateFlink.errors.map((e) => `${e.instancePath} ${e.message}`);
  }
  const { moduleKey, kind } = modelClass(obj.apiVersion, obj.kind);
  if (!modelModules.has(moduleKey)) {
    try {
      modelModules.set(moduleKey, await import(`kubernetes-models/${moduleKey}`));
    } catch {
      modelModules.set(moduleKey, null);
    }
  }
  const mod = modelModules.get(moduleKey);
  if (!mod || !mod[kind]) return [`no schema for ${obj.apiVersion} ${kind}`];
  try {
    new mod[kind](obj).validate();
    return [];
  } catch (e) {
    return [e.message];
  }
}
void models;

// --- the checks --------------------------------------------------------------------------------------------------
const id = (o) => `${o.kind}/${o.metadata?.name}`;
const matches = (selector, labels) =>
  !!selector && Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => (labels || {})[k] === v);
const podSpecs = (objects) => objects.flatMap((o) => {
  if (o.kind === "Deployment") return [{ owner: o, spec: o.spec.template.spec, labels: o.spec.template.metadata.labels }];
  if (o.kind === "FlinkDeployment") return [{ owner: o, spec: o.spec.podTemplate.spec, labels: o.spec.podTemplate.metadata.labels, flink: true }];
  return [];
});
const probePath = (c, probe) => c[probe]?.httpGet?.path;

/** Returns the list of problems of one overlay's objects. expect: {env, owner, tag} */
async function problems(objects, expect) {
  const out = [];
  const fail = (msg) => out.push(msg);
  const by = (kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const ns = `trii-${expect.env}`;

  for (const o of objects) {
    for (const e of await schemaErrors(o)) fail(`${id(o)} schema: ${e}`);
    const labels = o.metadata?.labels || {};
    if (labels["app.kubernetes.io/part-of"] !== "trii") fail(`${id(o)} lacks app.kubernetes.io/part-of=trii`);
    if (labels["trii.dev/environment"] !== expect.env) fail(`${id(o)} lacks trii.dev/environment=${expect.env}`);
    if (o.kind === "Namespace") {
      if (o.metadata.name !== ns) fail(`Namespace ${o.metadata.name} is not ${ns}`);
    } else if (o.metadata.namespace !== ns) {
      fail(`${id(o)} is in namespace ${o.metadata.namespace}, not ${ns}`);
    }
  }
  if (!by("Namespace", ns)) fail(`no Namespace ${ns}`);

  // workloads: labels, selectors, resources, security, settings, images
  const configMaps = new Set(objects.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name));
  for (const o of objects.filter((x) => x.kind === "Deployment")) {
    if (!matches(o.spec.selector.matchLabels, o.spec.template.metadata.labels)) {
      fail(`${id(o)} selector does not match its pod labels`);
    }
    if (!o.spec.template.metadata.labels["app.kubernetes.io/name"]) fail(`${id(o)} pods lack app.kubernetes.io/name`);
  }
  for (const { owner, spec, labels, flink } of podSpecs(objects)) {
    const where = id(owner);
    if (!labels?.["app.kubernetes.io/name"]) fail(`${where} pods lack app.kubernetes.io/name`);
    if (spec.securityContext?.runAsNonRoot !== true) fail(`${where} pods do not set runAsNonRoot`);
    if (!(spec.securityContext?.runAsUser > 0)) fail(`${where} pods do not run as a numeric non-root user`);
    const images = flink ? [owner.spec.image] : [];
    for (const c of spec.containers) {
      if (!flink) images.push(c.image);
      const r = flink ? { requests: {}, limits: {} } : c.resources || {};
      if (!flink) {
        for (const kind of ["requests", "limits"]) {
          for (const res of ["cpu", "memory"]) {
            if (!r[kind]?.[res]) fail(`${where} container ${c.name} has no ${kind}.${res}`);
          }
        }
        if (c.securityContext?.readOnlyRootFilesystem !== true) fail(`${where} container ${c.name} root filesystem is writable`);
      }
      if (c.securityContext?.allowPrivilegeEscalation !== false) fail(`${where} container ${c.name} allows privilege escalation`);
      if (!(c.securityContext?.capabilities?.drop || []).includes("ALL")) fail(`${where} container ${c.name} keeps capabilities`);
      const ports = new Set((c.ports || []).flatMap((p) => [p.name, p.containerPort]));
      for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
        const port = c[probe]?.httpGet?.port;
        if (port !== undefined && !ports.has(port)) fail(`${where} ${probe} port ${port} is not a container port`);
      }
      for (const e of c.env || []) {
        if (!e.name.startsWith("TRII_") && !OTHER_ENV.has(e.name)) fail(`${where} sets ${e.name}, not a TRII_* setting`);
        if (/PASSWORD|SECRET|TOKEN|KEY$/.test(e.name) && e.value !== undefined) fail(`${where} has ${e.name} as a plain value`);
        if (e.valueFrom?.secretKeyRef && !SECRETS.includes(e.valueFrom.secretKeyRef.name)) fail(`${where} reads unknown Secret ${e.valueFrom.secretKeyRef.name}`);
      }
      for (const e of c.envFrom || []) {
        if (e.secretRef && !SECRETS.includes(e.secretRef.name)) fail(`${where} reads unknown Secret ${e.secretRef.name}`);
        if (e.configMapRef && !configMaps.has(e.configMapRef.name)) fail(`${where} reads ConfigMap ${e.configMapRef.name}, not rendered`);
      }
    }
    for (const image of images) {
      const m = /^ghcr\.io\/([a-z0-9-]+)\/([a-z0-9-]+):([A-Za-z0-9._-]+)$/.exec(image || "");
      if (!m) { fail(`${where} image ${image} is not ghcr.io/OWNER/NAME:TAG`); continue; }
      if (!IMAGE_NAMES.includes(m[2])) fail(`${where} image ${m[2]} is not one of ${IMAGE_NAMES}`);
      if (m[1] !== expect.owner) fail(`${where} image owner ${m[1]}, expected ${expect.owner}`);
      if (!expect.tag.test(m[3])) fail(`${where} image tag ${m[3]} does not fit ${expect.env} (${expect.tag})`);
      if (m[3] === "latest") fail(`${where} image tag latest`);
    }
  }

  // settings: every variable a documented TRII_* (README), no secret in a ConfigMap
  const settingNames = [];
  for (const o of objects) {
    if (o.kind === "ConfigMap" || o.kind === "Secret") {
      settingNames.push(...Object.keys({ ...o.data, ...o.stringData }).map((k) => [id(o), k]));
      if (o.kind === "ConfigMap") {
        for (const k of Object.keys(o.data || {})) {
          if (/PASSWORD|SECRET|TOKEN/.test(k)) fail(`${id(o)} holds the secret ${k}`);
        }
      }
    }
  }
  for (const { owner, spec } of podSpecs(objects)) {
    for (const c of spec.containers) for (const e of c.env || []) settingNames.push([id(owner), e.name]);
  }
  for (const [where, name] of settingNames) {
    if (OTHER_ENV.has(name)) continue;
    if (!/^TRII_[A-Z0-9_]+$/.test(name)) fail(`${where} key ${name} is not a TRII_* variable`);
    else if (!readme.includes("`" + name + "`")) fail(`${where} sets ${name}, which README.md does not document`);
  }

  // scheduler
  const scheduler = by("Deployment", "trii-scheduler");
  if (!scheduler) fail("no Deployment trii-scheduler");
  else {
    if (scheduler.spec.replicas !== 2) fail(`trii-scheduler has ${scheduler.spec.replicas} replicas, expected 2`);
    const c = scheduler.spec.template.spec.containers[0];
    if (probePath(c, "livenessProbe") !== "/actuator/health/liveness") fail("trii-scheduler liveness probe is not /actuator/health/liveness");
    if (probePath(c, "readinessProbe") !== "/actuator/health/readiness") fail("trii-scheduler readiness probe is not /actuator/health/readiness");
  }

  // scoring API: two colours, probes, HPA, PDB
  const deployments = objects.filter((o) => o.kind === "Deployment");
  for (const colour of COLOURS) {
    const name = `scoring-api-${colour}`;
    const d = by("Deployment", name);
    if (!d) { fail(`no Deployment ${name}`); continue; }
    const c = d.spec.template.spec.containers[0];
    if (probePath(c, "readinessProbe") !== "/ready") fail(`${name} readiness probe is not /ready`);
    if (probePath(c, "livenessProbe") !== "/health") fail(`${name} liveness probe is not /health`);
    if ((c.env || []).find((e) => e.name === "TRII_SCORING_HOST")?.value !== "0.0.0.0") fail(`${name} does not listen on 0.0.0.0 (TRII_SCORING_HOST)`);
    if (d.spec.template.metadata.labels["trii.dev/color"] !== colour) fail(`${name} pods are not labelled trii.dev/color=${colour}`);
    if (d.spec.replicas !== undefined) fail(`${name} sets replicas: its HorizontalPodAutoscaler owns the count`);
    const hpas = objects.filter((o) => o.kind === "HorizontalPodAutoscaler" && o.spec.scaleTargetRef.kind === "Deployment" && o.spec.scaleTargetRef.name === name);
    if (hpas.length !== 1) { fail(`${name} has ${hpas.length} HorizontalPodAutoscalers, expected 1`); continue; }
    const hpa = hpas[0];
    if (!(hpa.spec.minReplicas >= 1 && hpa.spec.minReplicas <= hpa.spec.maxReplicas)) fail(`${id(hpa)} min ${hpa.spec.minReplicas} / max ${hpa.spec.maxReplicas}`);
    const pdbs = objects.filter((o) => o.kind === "PodDisruptionBudget" && matches(o.spec.selector.matchLabels, d.spec.template.metadata.labels));
    if (pdbs.length !== 1) { fail(`${name} is covered by ${pdbs.length} PodDisruptionBudgets, expected 1`); continue; }
    const pdb = pdbs[0];
    const others = deployments.filter((o) => o !== d && matches(pdb.spec.selector.matchLabels, o.spec.template.metadata.labels));
    if (others.length) fail(`${id(pdb)} also selects ${others.map(id)}`);
    if (pdb.spec.minAvailable !== undefined && !(pdb.spec.minAvailable < hpa.spec.minReplicas)) {
      fail(`${id(pdb)} minAvailable ${pdb.spec.minAvailable} would block every drain (HPA min ${hpa.spec.minReplicas})`);
    }
  }
  for (const o of objects.filter((x) => x.kind === "PodDisruptionBudget" || x.kind === "Service")) {
    const selector = o.kind === "Service" ? o.spec.selector : o.spec.selector.matchLabels;
    const selected = podSpecs(objects).filter((p) => matches(selector, p.labels));
    if (selected.length === 0) fail(`${id(o)} selects no pods`);
  }
  const live = by("Service", "scoring-api");
  if (!live) fail("no Service scoring-api");
  else {
    const selected = deployments.filter((o) => matches(live.spec.selector, o.spec.template.metadata.labels));
    if (selected.length !== 1 || !COLOURS.includes(live.spec.selector["trii.dev/color"])) {
      fail(`Service scoring-api selects ${selected.map(id).join(", ") || "nothing"}: it must select exactly one colour`);
    }
  }
  // what blue-green.sh applies: the idle colour's objects by label, everything blue-green by the rollout label
  for (const colour of COLOURS) {
    const picked = objects.filter((o) => o.metadata.labels?.["trii.dev/color"] === colour).map(id).sort();
    const expected = [`Deployment/scoring-api-${colour}`, `HorizontalPodAutoscaler/scoring-api-${colour}`,
      `PodDisruptionBudget/scoring-api-${colour}`, `Service/scoring-api-preview-${colour}`].sort();
    if (JSON.stringify(picked) !== JSON.stringify(expected)) fail(`label trii.dev/color=${colour} picks ${picked}`);
  }
  for (const o of objects) {
    const managed = o.metadata.labels?.["trii.dev/rollout"] === "blue-green";
    const scoring = o.metadata.labels?.["app.kubernetes.io/name"] === "scoring-api";
    if (managed !== scoring) fail(`${id(o)}: trii.dev/rollout=blue-green must mark the scoring API's objects, and only them`);
  }

  // ingestion
  const flink = objects.find((o) => o.kind === "FlinkDeployment");
  if (!flink) fail("no FlinkDeployment");
  else {
    const job = flink.spec.job || {};
    if (!/^local:\/\/\/.+\.jar$/.test(job.jarURI || "")) fail(`FlinkDeployment jarURI ${job.jarURI} is not a jar in the image`);
    const cls = path.join(repoRoot, "ingestion-flink/src/main/java", (job.entryClass || "").replaceAll(".", "/") + ".java");
    if (!fs.existsSync(cls)) fail(`FlinkDeployment entryClass ${job.entryClass} is not in ingestion-flink`);
    if (job.upgradeMode !== "savepoint") fail("FlinkDeployment does not upgrade through savepoints");
    if (flink.spec.flinkVersion !== "v2_0") fail(`FlinkDeployment flinkVersion ${flink.spec.flinkVersion}, the job is built on Flink 2.0`);
  }

  // secrets: generated in dev only; nowhere else a Secret, a default or a placeholder
  const secrets = objects.filter((o) => o.kind === "Secret");
  const names = secrets.map((o) => o.metadata.name).sort();
  if (expect.env === "dev") {
    if (JSON.stringify(names) !== JSON.stringify([...SECRETS].sort())) fail(`dev renders Secrets ${names}, expected ${SECRETS}`);
  } else {
    for (const s of secrets) {
      fail(`${expect.env} renders ${id(s)}: its secrets must come from outside the repository`);
      for (const [k, v] of Object.entries({ ...decode(s.data), ...s.stringData })) {
        if (expect.knownDefaults.has(v) || PLACEHOLDER.test(v)) fail(`${expect.env} ${id(s)} ${k} holds a default or placeholder`);
      }
    }
    if (objects.some((o) => o.kind === "Kustomization" || o.metadata?.annotations?.["kustomize.config.k8s.io/needs-hash"])) {
      fail(`${expect.env} renders generated objects`);
    }
  }
  return out;
}

function decode(data) {
  return Object.fromEntries(Object.entries(data || {}).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
}

function load(file) {
  return YAML.parseAllDocuments(fs.readFileSync(path.join(renderDir, file), "utf8")).map((d) => d.toJS()).filter(Boolean);
}

// --- run ---------------------------------------------------------------------------------------------------------
let passed = 0;
let failed = 0;
const report = (name, list) => {
  if (list.length === 0) { passed++; return; }
  failed++;
  console.log(`FAIL ${name}`);
  for (const p of list) console.log(`     ${p}`);
};

const dev = load("dev.yaml");
const knownDefaults = new Set(builtInSecretDefaults);
for (const s of dev.filter((o) => o.kind === "Secret")) for (const v of Object.values(decode(s.data))) knownDefaults.add(v);
for (const s of dev.filter((o) => o.kind === "Secret")) for (const v of Object.values(s.stringData || {})) knownDefaults.add(v);

const overlays = {
  dev: { env: "dev", owner: "trii-platform", tag: /^develop$/ },
  staging: { env: "staging", owner: "trii-platform", tag: /^release$/ },
  prod: { env: "prod", owner: "trii-platform", tag: /^\d+\.\d+\.\d+$/ },
  "ci-prod": { env: "prod", owner: "ci-owner", tag: /^ci-tag$/ },
};
const rendered = {};
for (const [name, expect] of Object.entries(overlays)) {
  rendered[name] = load(`${name}.yaml`);
  report(`overlay ${name}`, await problems(rendered[name], { ...expect, knownDefaults }));
}

// the checks catch what they are for: each broken copy of prod must fail with the expected message
const prodExpect = { ...overlays.prod, knownDefaults };
const mutants = {
  "a Secret with a built-in default": [(objs) => objs.push({ apiVersion: "v1", kind: "Secret",
    metadata: { name: "trii-db", namespace: "trii-prod", labels: { "app.kubernetes.io/part-of": "trii", "trii.dev/environment": "prod" } },
    stringData: { TRII_DB_PASSWORD: "trii" } }), /holds a default or placeholder/],
  "a Secret with a placeholder": [(objs) => objs.push({ apiVersion: "v1", kind: "Secret",
    metadata: { name: "trii-s3", namespace: "trii-prod", labels: { "app.kubernetes.io/part-of": "trii", "trii.dev/environment": "prod" } },
    data: { TRII_S3_SECRET_KEY: Buffer.from("CHANGE_ME").toString("base64") } }), /holds a default or placeholder/],
  "the live Service selecting both colours": [(objs) => { delete objs.find((o) => o.metadata.name === "scoring-api" && o.kind === "Service").spec.selector["trii.dev/color"]; }, /exactly one colour/],
  "a readiness probe on the wrong path": [(objs) => { objs.find((o) => o.metadata.name === "scoring-api-green").spec.template.spec.containers[0].readinessProbe.httpGet.path = "/health"; }, /readiness probe is not \/ready/],
  "one scheduler": [(objs) => { objs.find((o) => o.metadata.name === "trii-scheduler" && o.kind === "Deployment").spec.replicas = 1; }, /expected 2/],
  "an HPA aimed at a missing Deployment": [(objs) => { objs.find((o) => o.kind === "HorizontalPodAutoscaler").spec.scaleTargetRef.name = "scoring-api"; }, /0 HorizontalPodAutoscalers/],
  "a PDB covering both colours": [(objs) => { delete objs.find((o) => o.kind === "PodDisruptionBudget" && o.metadata.name === "scoring-api-blue").spec.selector.matchLabels["trii.dev/color"]; }, /also selects|covered by 2/],
  "a selector that misses its pods": [(objs) => { objs.find((o) => o.metadata.name === "trii-scheduler" && o.kind === "Service").spec.selector["app.kubernetes.io/name"] = "scheduler"; }, /selects no pods/],
  "an image of another overlay": [(objs) => { objs.find((o) => o.metadata.name === "trii-scheduler" && o.kind === "Deployment").spec.template.spec.containers[0].image = "ghcr.io/trii-platform/trii-scheduler:develop"; }, /does not fit prod/],
  "an undocumented setting": [(objs) => { objs.find((o) => o.kind === "ConfigMap").data.TRII_NOT_A_SETTING = "1"; }, /does not document/],
  "a container running as root": [(objs) => { objs.find((o) => o.metadata.name === "scoring-api-blue").spec.template.spec.securityContext.runAsNonRoot = false; }, /runAsNonRoot/],
  "a schema violation": [(objs) => { objs.find((o) => o.metadata.name === "trii-scheduler" && o.kind === "Deployment").spec.template.spec.containers[0].ports[0].containerPort = "8080"; }, /schema: .*must be integer/],
  "a FlinkDeployment schema violation": [(objs) => { objs.find((o) => o.kind === "FlinkDeployment").spec.job.upgradeMode = "sometimes"; }, /FlinkDeployment\/trii-ingestion schema/],
};
for (const [name, [mutate, expected]] of Object.entries(mutants)) {
  const copy = structuredClone(rendered.prod);
  mutate(copy);
  const found = await problems(copy, prodExpect);
  report(`catches ${name}`, found.some((p) => expected.test(p)) ? [] : [`not caught (${expected}); found: ${found.join("; ") || "nothing"}`]);
}

console.log(`k8s: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
