// McpInteropIT's client: the official TypeScript MCP SDK (a client memos did not write) spawns
// `memos mcp` over stdio and runs the agent's story through it. Exits 0 when every step held, 1 on the
// first mismatch (printed to stderr), 2 when its own setup is wrong.
//
//   MEMOS_MCP_CLIENTS=<dir with node_modules> node mcp-interop.mjs <work dir> <memos launcher> [args...]
//
// The server gets only the variables an MCP client configuration would name (MEMOS_HOME, MEMOS_JAVA,
// ETH_PRIVATE_KEY) on top of the SDK's default environment. MEMOS_INTEROP_ARWEAVE=1 adds the
// backup / delete / restore round trip (the home must point at a running arlocal).
import { createRequire } from "node:module";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const deps = process.env.MEMOS_MCP_CLIENTS;
const [work, command, ...args] = process.argv.slice(2);
if (!deps || !work || !command) {
  console.error("usage: MEMOS_MCP_CLIENTS=DIR node mcp-interop.mjs WORK_DIR MEMOS_LAUNCHER [ARGS...]");
  process.exit(2);
}
const require = createRequire(join(deps, "package.json"));
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StdioClientTransport, getDefaultEnvironment } = require("@modelcontextprotocol/sdk/client/stdio.js");
const Ajv2020 = require("ajv/dist/2020").default;

class Mismatch extends Error {}
function check(cond, what) {
  if (!cond) throw new Mismatch(what);
}

const env = { ...getDefaultEnvironment() };
for (const k of ["MEMOS_HOME", "MEMOS_JAVA", "ETH_PRIVATE_KEY", "NO_COLOR"]) {
  if (process.env[k] !== undefined) env[k] = process.env[k];
}
const transport = new StdioClientTransport({ command, args: [...args, "mcp"], env, stderr: "pipe" });
let stderr = "";
transport.stderr.on("data", (d) => (stderr += d));
const transcript = [];
const send = transport.send.bind(transport);
transport.send = (message, options) => {
  transcript.push(JSON.stringify(message));
  return send(message, options);
};

const client = new Client({ name: "memos-interop", version: "1.0.0" }, { capabilities: {} });
const ajv = new Ajv2020({ strict: false, allErrors: true });
const outputValidators = new Map();
const seen = [];

/** Calls a tool; a success must carry structuredContent valid against the tool's outputSchema. */
async function call(name, args, { expectError = false } = {}) {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content || []).map((c) => c.text).join("\n");
  if (expectError) {
    check(result.isError === true, `${name} should have been refused, got: ${text}`);
    return { text, result };
  }
  check(!result.isError, `${name} failed: ${text}`);
  check(typeof text === "string" && text.length > 0, `${name} returned no text summary`);
  const validate = outputValidators.get(name);
  check(validate, `${name} has no output schema`);
  check(validate(result.structuredContent),
    `${name}'s structuredContent does not match its outputSchema: ${ajv.errorsText(validate.errors)}\n`
    + JSON.stringify(result.structuredContent));
  seen.push(name);
  return result.structuredContent;
}

try {
  await client.connect(transport);
  const received = transport.onmessage; // set by connect: everything the server sends passes here
  transport.onmessage = (message, extra) => {
    transcript.push(JSON.stringify(message));
    received(message, extra);
  };
  const info = client.getServerVersion();
  check(info && info.name === "memos", `server says it is ${JSON.stringify(info)}`);

  // Every schema the server publishes is JSON Schema that a standard validator compiles.
  const { tools } = await client.listTools();
  check(tools.length >= 20, `only ${tools.length} tools listed`);
  for (const t of tools) {
    check(t.inputSchema && t.inputSchema.type === "object", `${t.name}: input schema is not an object schema`);
    check(t.outputSchema && t.outputSchema.type === "object", `${t.name}: output schema is not an object schema`);
    try {
      ajv.compile(t.inputSchema);
      outputValidators.set(t.name, ajv.compile(t.outputSchema));
    } catch (e) {
      throw new Mismatch(`${t.name}: schema does not compile: ${e.message}`);
    }
  }
  const byName = new Map(tools.map((t) => [t.name, t]));
  for (const n of ["id_generate", "mem_add", "mem_show", "token_keygen", "token_issue", "token_verify", "id_prove",
    "id_verify_proof", "backup", "restore"]) {
    check(byName.has(n), `no tool ${n}`);
    // a bare {"type":"object"} would accept anything: the check below must be able to fail
    check(Object.keys(byName.get(n).outputSchema.properties || {}).length > 0, `${n}'s output schema has no properties`);
  }
  check(byName.get("id_status").annotations?.readOnlyHint === true, "id_status is not marked read-only");
  check(byName.get("restore").annotations?.destructiveHint === true, "restore is not marked destructive");
  check(!byName.has("id_delete") && !byName.has("wallet_generate"), "a CLI-only command is served as a tool");

  // The validator is not vacuous: a result with a wrongly typed field is rejected.
  const gen = await call("id_generate", { name: "INTEROP" });
  const id = gen.id;
  check(typeof id === "string" && id.startsWith("CW-INTEROP"), `id_generate gave ${JSON.stringify(gen)}`);
  check(!outputValidators.get("id_generate")({ ...gen, id: 42 }), "the output validator accepted a numeric id");

  await call("mem_add", { text: "interop memory one: the budget meeting moved to Thursday" });
  await call("mem_add", { text: "interop memory two", kind: "decision" });
  const shown = JSON.stringify(await call("mem_show", {}));
  check(shown.includes("interop memory one") && shown.includes("interop memory two"), `mem_show lost a memory: ${shown}`);
  const found = JSON.stringify(await call("mem_search", { text: "BUDGET" }));
  check(found.includes("interop memory one") && !found.includes("interop memory two"), `mem_search found the wrong memories: ${found}`);
  await call("id_status", {});

  // A token issued for a skill verifies once; the replay is refused.
  await call("token_keygen", { skill: "skill:interop" });
  const issued = await call("token_issue", { skill: "skill:interop", ttl: 60 });
  const token = issued.token;
  check(typeof token === "string" && token.startsWith("cit1."), `token_issue gave ${JSON.stringify(issued)}`);
  await call("token_verify", { token, skill: "skill:interop" });
  await call("token_verify", { token, skill: "skill:interop" }, { expectError: true });
  await call("token_verify", { token, skill: "skill:other" }, { expectError: true });

  // A proof answers its challenge and no other.
  const proof = join(work, "proof.json");
  await call("id_prove", { challenge: "c0ffee42", output: proof });
  await call("id_verify_proof", { proof, challenge: "c0ffee42" });
  await call("id_verify_proof", { proof, challenge: "deadbeef" }, { expectError: true });

  // A destructive call without confirm changes nothing.
  await call("id_revoke", { id }, { expectError: true });
  const status = await call("id_status", {});
  check(JSON.stringify(status).toUpperCase().includes("ACTIVE"), `id_revoke without confirm changed the identity: ${JSON.stringify(status)}`);

  if (process.env.MEMOS_INTEROP_ARWEAVE === "1") {
    const tree = join(work, "memory");
    mkdirSync(join(tree, "sub"), { recursive: true });
    const a = "alpha — ä\n";
    const b = Buffer.from([0, 1, 2, 255, 254]);
    writeFileSync(join(tree, "a.md"), a);
    writeFileSync(join(tree, "sub", "b.bin"), b);
    await call("backup", { input: tree });
    rmSync(tree, { recursive: true, force: true });
    await call("restore", { latest: true, out: tree });
    check(readFileSync(join(tree, "a.md"), "utf8") === a, "a.md did not come back byte for byte");
    check(Buffer.compare(readFileSync(join(tree, "sub", "b.bin")), b) === 0, "sub/b.bin did not come back byte for byte");
    writeFileSync(join(tree, "a.md"), "local edit");
    await call("restore", { latest: true, out: tree, force: true }, { expectError: true });
    check(readFileSync(join(tree, "a.md"), "utf8") === "local edit", "a refused restore changed the folder");
  }
} catch (e) {
  console.error(`interop: ${e instanceof Mismatch ? "" : "error: "}${e.message}`);
  if (stderr) console.error(`server stderr:\n${stderr}`);
  await client.close().catch(() => {});
  process.exit(1);
}
await client.close();

// No secret on the wire or in the server's stderr.
const key = (process.env.ETH_PRIVATE_KEY || "").replace(/^0x/i, "").toLowerCase();
const all = (transcript.join("\n") + "\n" + stderr).toLowerCase();
if (key.length >= 32 && all.includes(key)) {
  console.error("interop: the ETH key appears in the transcript or the server's stderr");
  process.exit(1);
}
console.log(`interop ok: ${seen.length} checked results (${[...new Set(seen)].join(" ")})`);
