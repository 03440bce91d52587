// Schema validation of one object by its apiVersion and kind.

// Custom resources whose operator publishes no model here: apiVersion and kind are all that is checked.
const KIND_ONLY = new Set(["postgresql.cnpg.io/v1 Cluster"]);

/** The modules that hold the models of an apiVersion, or nothing for an apiVersion no package models. */
function modulesOf(apiVersion) {
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    return [`@kubernetes-models/prometheus-operator/${apiVersion}`];
  }
  // kubernetes-models: core is "v1", the others "group/version".
  return [`kubernetes-models/${apiVersion}`];
}

/** Problems of one object against its schema: none, or messages naming the failing path. */
export async function schemaProblems(object) {
  if (typeof object !== "object" || Array.isArray(object)) return ["not an object"];
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return ["no apiVersion or kind"];
  if (KIND_ONLY.has(`${apiVersion} ${kind}`)) return [];
  const model = await modelOf(apiVersion, kind);
  if (model === undefined) return [`unknown apiVersion/kind ${apiVersion} ${kind}`];
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    return [`schema: ${error.message}`];
  }
}

async function modelOf(apiVersion, kind) {
  for (const name of modulesOf(apiVersion)) {
    try {
      const module = await import(name);
      if (typeof module[kind] === "function") return module[kind];
    } catch (error) {
      if (error.code !== "ERR_MODULE_NOT_FOUND" && error.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
    }
  }
  return undefined;
}
