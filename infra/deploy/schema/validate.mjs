// Validates Kubernetes manifests (the output of `kubectl kustomize`) against the API schemas that kubernetes-models
// ships, without a cluster: types, required fields and enums of every resource. Prints one line per resource and
// exits 1 if any is invalid or of a kind it does not know.   node infra/schema/validate.mjs rendered.yaml
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

let invalid = 0;
for (const document of parseAllDocuments(readFileSync(process.argv[2], "utf8"))) {
  const resource = document.toJS();
  if (!resource) {
    continue;
  }
  const [group, version] = resource.apiVersion.includes("/") ? resource.apiVersion.split("/") : ["", resource.apiVersion];
  const name = `${resource.kind} ${resource.metadata?.name}`;
  try {
    const model = await import(`kubernetes-models/${group ? group + "/" : ""}${version}/${resource.kind}`);
    new model[resource.kind](resource).validate();
    console.log(`valid ${name}`);
  } catch (e) {
    invalid++;
    console.log(`INVALID ${name}: ${e.message}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
