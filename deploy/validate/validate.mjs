// Offline checks of the deployment files, run by tests/Silo.Tests (Deployment/DeploymentFileTests):
//   node validate.mjs kubernetes   every overlay renders (kubectl kustomize) and every object fits its schema
//   node validate.mjs dockerfile   deploy/Dockerfile parses, lints clean and matches the silo project
//   node validate.mjs render OVERLAY   the overlay's objects as one JSON array (read by the manifest contract test)
// Install first: npm ci (this folder). Prints one line per check; exits 1 when any failed.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { DockerfileParser } from "dockerfile-ast";
import { validate as lintDockerfile, ValidationSeverity } from "dockerfile-utils";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const problems = [];
const fail = (message) => problems.push(message);

// kubernetes-models has one module per API group and version: "apps/v1" → kubernetes-models/apps/v1, "v1" → kubernetes-models/v1.
async function modelOf(apiVersion, kind) {
  try {
    const models = await import(`kubernetes-models/${apiVersion}`);
    return models[kind];
  } catch {
    return undefined;
  }
}

const overlays = join(repo, "deploy/kubernetes/overlays");

// The overlay's objects as kubectl kustomize renders them; throws with kubectl's or the YAML parser's message.
function render(overlay) {
  let rendered;
  try {
    rendered = execFileSync("kubectl", ["kustomize", join(overlays, overlay)], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    throw new Error(`kubectl kustomize failed: ${error.stderr || error.message}`);
  }

  const documents = parseAllDocuments(rendered).filter((d) => d.contents !== null);
  const broken = documents.find((d) => d.errors.length > 0);
  if (broken) {
    throw new Error(`the rendered YAML does not parse: ${broken.errors[0].message}`);
  }

  return documents.map((d) => {
    const object = d.toJS();
    if (object.kind === "Secret" && object.data) {
      // kubectl kustomize folds long base64 values over lines; the API server ignores the line breaks, the schema does not.
      object.data = Object.fromEntries(Object.entries(object.data).map(([key, value]) => [key, String(value).replace(/\s/g, "")]));
    }
    return object;
  });
}

async function checkKubernetes() {
  for (const overlay of readdirSync(overlays).sort()) {
    let objects;
    try {
      objects = render(overlay);
    } catch (error) {
      fail(`${overlay}: ${error.message}`);
      continue;
    }

    for (const object of objects) {
      const name = `${overlay}: ${object.kind}/${object.metadata?.name}`;
      const Model = await modelOf(object.apiVersion, object.kind);
      if (!Model) {
        fail(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
        continue;
      }

      try {
        new Model(object).validate();
        console.log(`ok   ${name} (${object.apiVersion})`);
      } catch (error) {
        fail(`${name}: ${error.message}`);
      }
    }

    if (objects.length === 0) {
      fail(`${overlay}: renders no object`);
    }
  }
}

// Silo/Silo.csproj and every project it references, directly or not, as folders relative to the repository.
function siloProjects() {
  const found = new Set();
  const visit = (project) => {
    if (found.has(project)) {
      return;
    }
    found.add(project);
    const xml = readFileSync(join(repo, project), "utf8");
    for (const [, include] of xml.matchAll(/<ProjectReference\s+Include="([^"]+)"/g)) {
      visit(relative(repo, resolve(dirname(join(repo, project)), include.replaceAll("\\", "/"))));
    }
  };
  visit("Silo/Silo.csproj");
  return [...found].map((project) => dirname(project));
}

function checkDockerfile() {
  const before = problems.length;
  const path = join(repo, "deploy/Dockerfile");
  const content = readFileSync(path, "utf8");
  for (const finding of lintDockerfile(content)) {
    if (finding.severity === ValidationSeverity.ERROR || finding.severity === ValidationSeverity.WARNING) {
      fail(`Dockerfile line ${finding.range.start.line + 1}: ${finding.message}`);
    }
  }

  const dockerfile = DockerfileParser.parse(content);
  const stages = dockerfile.getFROMs();
  if (stages.length < 2) {
    fail(`Dockerfile: a multi-stage build needs a build stage and a runtime stage (found ${stages.length} FROM)`);
    return;
  }

  const runtime = stages.at(-1);
  const runtimeImage = runtime.getImageName() ?? "";
  if (!/dotnet\/aspnet$/.test(runtimeImage) || !/chiseled|slim/.test(runtime.getImageTag() ?? "")) {
    fail(`Dockerfile: the runtime stage must be a chiseled or slim ASP.NET image (is ${runtime.getImage()})`);
  }
  if (!/dotnet\/sdk$/.test(stages[0].getImageName() ?? "")) {
    fail(`Dockerfile: the first stage must build with the .NET SDK (is ${stages[0].getImage()})`);
  }

  const line = (instruction) => instruction.getRange().start.line;
  const finalStage = dockerfile.getInstructions().filter((i) => line(i) > line(runtime));
  const of = (keyword) => finalStage.filter((i) => i.getKeyword() === keyword);

  const users = of("USER");
  const user = users.at(-1)?.getArgumentsContent() ?? "";
  if (users.length === 0 || /^(0|root)(:|$)/.test(user)) {
    fail(`Dockerfile: the runtime stage must switch to a non-root USER (is '${user || "none"}')`);
  }

  const assembly = `${/<AssemblyName>([^<]+)<\/AssemblyName>/.exec(readFileSync(join(repo, "Silo/Silo.csproj"), "utf8"))[1]}.dll`;
  const entrypoint = of("ENTRYPOINT").at(-1)?.getArgumentsContent() ?? "";
  if (!entrypoint.startsWith("[") || !JSON.parse(entrypoint).some((a) => a.endsWith(`/${assembly}`))) {
    fail(`Dockerfile: ENTRYPOINT must run ${assembly} in exec form (is ${entrypoint || "none"}), so 'migrate' can follow as the command`);
  }

  const healthcheck = of("HEALTHCHECK").at(-1)?.getArgumentsContent() ?? "";
  if (!healthcheck.includes(assembly) || !healthcheck.includes('"healthcheck"')) {
    fail(`Dockerfile: HEALTHCHECK must run the silo's own 'healthcheck' command (is ${healthcheck || "none"})`);
  }

  // Every local COPY source exists, so the build does not stop at a renamed folder, and every project the silo
  // builds from is copied in, so a new project reference does not break only the image.
  const copied = [];
  for (const copy of dockerfile.getInstructions().filter((i) => i.getKeyword() === "COPY")) {
    if (copy.getFlags().some((f) => f.getName() === "from")) {
      continue;
    }
    const sources = copy.getArguments().slice(0, -1).map((a) => a.getValue());
    copied.push(...sources.map((s) => s.replace(/\/$/, "")));
    for (const source of sources.filter((s) => !existsSync(join(repo, s)))) {
      fail(`Dockerfile line ${line(copy) + 1}: COPY source ${source} does not exist in the repository`);
    }
  }
  // .dockerignore keeps files out of the build context: a COPY source under an ignored folder would be missing.
  const ignored = readFileSync(join(repo, ".dockerignore"), "utf8").split("\n").map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#") && !l.includes("*")).map((l) => l.replace(/\/$/, ""));
  for (const source of copied.filter((s) => ignored.some((i) => s === i || s.startsWith(`${i}/`)))) {
    fail(`Dockerfile: COPY source ${source} is excluded from the build context by .dockerignore`);
  }
  for (const project of siloProjects().filter((folder) => !copied.includes(folder))) {
    fail(`Dockerfile: the silo builds from ${project}/, which no COPY brings into the build stage`);
  }

  if (problems.length > before) {
    return;
  }
  console.log(`ok   Dockerfile: ${stages.length} stages, runtime ${runtime.getImage()}, USER ${user}, ENTRYPOINT ${entrypoint}`);
}

const what = process.argv[2];
if (what === "kubernetes") {
  await checkKubernetes();
} else if (what === "dockerfile") {
  checkDockerfile();
} else if (what === "render" && process.argv[3]) {
  console.log(JSON.stringify(render(process.argv[3])));
} else {
  console.error("usage: node validate.mjs kubernetes|dockerfile|render OVERLAY");
  process.exit(2);
}

for (const problem of problems) {
  console.log(`FAIL ${problem}`);
}
process.exit(problems.length > 0 ? 1 : 0);
