// Builds the gateway the tests start (Release), so `npm test` works on its own from a fresh clone; an
// up-to-date build only checks. Skipped when COPRODUCE_GATEWAY_DLL names a gateway already built
// (scripts/test.sh does, having just built the solution).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

if (process.env.COPRODUCE_GATEWAY_DLL) {
  console.log(`Using the gateway at ${process.env.COPRODUCE_GATEWAY_DLL} (COPRODUCE_GATEWAY_DLL).`);
} else {
  const project = fileURLToPath(new URL("../../../gateway/CoProduce.Gateway/CoProduce.Gateway.csproj", import.meta.url));
  console.log("Building the gateway the tests run (dotnet build -c Release: minutes the first time, an up-to-date check after)...");
  const build = spawnSync("dotnet", ["build", project, "-c", "Release", "-nologo", "-v", "m"], { stdio: "inherit" });
  if (build.error) {
    console.error(`Could not run dotnet (${build.error.message}): install the .NET SDK named in global.json.`);
    process.exit(1);
  }
  process.exit(build.status ?? 1);
}
