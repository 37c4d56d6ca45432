// Validates Kubernetes manifests (multi-document YAML, e.g. `helm template` output) against the
// API's JSON schemas, with the kubernetes-models classes: each object is instantiated with the
// class of its apiVersion and kind and validated. An object of an unknown apiVersion/kind is an
// error too (a typo there is as fatal to `kubectl apply` as a wrong field).
//
//   node validate_k8s.mjs [FILE|-] [--json OUT.json]
//
// Reads FILE (or stdin), prints one line per object, and exits 0 when every object is valid, 1 when
// one is not or there is none (each error printed on stderr), 2 on unreadable input. --json writes the parsed
// objects as a JSON array (for tests that read the manifests without a YAML library).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const args = process.argv.slice(2);
let input = '-';
let jsonOut = null;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') jsonOut = args[++i];
  else input = args[i];
}

let text;
try {
  text = readFileSync(input === '-' ? 0 : input, 'utf8');
} catch (e) {
  console.error(`cannot read ${input}: ${e.message}`);
  process.exit(2);
}

const objects = [];
const errors = [];
for (const doc of parseAllDocuments(text)) {
  if (doc.errors.length > 0) {
    errors.push(`YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
    continue;
  }
  const obj = doc.toJS();
  if (obj === null || obj === undefined) continue; // an empty document (a template that rendered nothing)
  objects.push(obj);
}

// apiVersion "v1" -> kubernetes-models/v1, "apps/v1" -> kubernetes-models/apps/v1, ...
const modules = new Map();
async function modelClass(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return null;
  if (!modules.has(apiVersion)) {
    try {
      modules.set(apiVersion, await import(`kubernetes-models/${apiVersion}`));
    } catch {
      modules.set(apiVersion, null);
    }
  }
  const mod = modules.get(apiVersion);
  const cls = mod && typeof kind === 'string' ? mod[kind] : undefined;
  return typeof cls === 'function' && typeof cls.prototype.validate === 'function' ? cls : null;
}

for (const obj of objects) {
  const name = `${obj.kind}/${obj.metadata?.name ?? '?'} (${obj.apiVersion})`;
  if (typeof obj !== 'object' || Array.isArray(obj)) {
    errors.push(`not an object: ${JSON.stringify(obj).slice(0, 80)}`);
    continue;
  }
  const Model = await modelClass(obj.apiVersion, obj.kind);
  if (Model === null) {
    errors.push(`${name}: no Kubernetes schema for apiVersion ${obj.apiVersion} kind ${obj.kind}`);
    continue;
  }
  if (!obj.metadata?.name) {
    errors.push(`${name}: metadata.name is missing`);
    continue;
  }
  try {
    new Model(obj).validate();
    console.log(`valid ${name}`);
  } catch (e) {
    // the message lists every failing path, e.g. "data/spec/replicas must be integer, ..."
    errors.push(`${name}: ${e.message}`);
  }
}

if (jsonOut) writeFileSync(jsonOut, JSON.stringify(objects, null, 1));
for (const e of errors) console.error(`invalid ${e}`);
console.log(`${objects.length} objects, ${errors.length} invalid`);
process.exit(errors.length === 0 && objects.length > 0 ? 0 : 1);
