// Validates one overlay's rendered objects (`kubectl kustomize` output) and exits 1 naming every problem.
//   node validate.mjs --overlay NAME --file RENDERED.yaml [--production] [--external-secrets a,b,c]
// Each object is checked against its schema (kubernetes-models, @kubernetes-models/prometheus-operator; a
// CloudNativePG Cluster only by apiVersion and kind), then the whole set for what a schema cannot see
// (checks.mjs): probes, non-root, resources, selectors that select something, references that resolve.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseAllDocuments } from "yaml";
import { checkObjects } from "./checks.mjs";
import { schemaProblems } from "./schemas.mjs";

const { values: options } = parseArgs({
  options: {
    overlay: { type: "string" },
    file: { type: "string" },
    production: { type: "boolean", default: false },
    "external-secrets": { type: "string", default: "" },
  },
});
if (!options.overlay || !options.file) {
  console.error("usage: node validate.mjs --overlay NAME --file RENDERED.yaml [--production] [--external-secrets a,b]");
  process.exit(2);
}

const objects = [];
for (const document of parseAllDocuments(readFileSync(options.file, "utf8"))) {
  if (document.errors.length > 0) {
    console.error(`overlay ${options.overlay}: not YAML: ${document.errors[0].message}`);
    process.exit(1);
  }
  const object = document.toJS();
  if (object !== null) objects.push(object);
}

const problems = [];
for (const object of objects) {
  for (const problem of await schemaProblems(object)) problems.push(`${describe(object)}: ${problem}`);
}
problems.push(...checkObjects(objects, {
  production: options.production,
  externalSecrets: options["external-secrets"].split(",").filter((name) => name !== ""),
}));

if (objects.length === 0) problems.push("rendered no objects");
if (problems.length > 0) {
  for (const problem of problems) console.error(`overlay ${options.overlay}: ${problem}`);
  console.error(`overlay ${options.overlay}: ${problems.length} problem(s) in ${objects.length} objects`);
  process.exit(1);
}
const kinds = new Map();
for (const object of objects) kinds.set(object.kind, (kinds.get(object.kind) ?? 0) + 1);
const summary = [...kinds].map(([kind, count]) => `${count} ${kind}`).join(", ");
console.log(`overlay ${options.overlay}: ${objects.length} objects valid (${summary})`);

function describe(object) {
  return `${object?.kind ?? "?"} ${object?.metadata?.name ?? "?"}`;
}
