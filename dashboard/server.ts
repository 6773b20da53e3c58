/**
 * Serves the built dashboard (dist/) on loopback, and /config.json telling the page which indexer to read. Files
 * are read once at start and sent gzipped to browsers that accept it.
 *
 *   npm run serve -w dashboard -- --api http://127.0.0.1:42069 --port 4173
 */
import { readdir, readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), "dist");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

const API_META = '<meta name="surety-api" content="" />';
const apiMeta = (url: string) =>
  `<meta name="surety-api" content="${url.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}" />`;

export type DashboardServer = { url: string; port: number; close: () => Promise<void> };

export type DashboardServerOptions = {
  /** The indexer's base URL, which the page reads from. */
  apiUrl: string;
  /** Default a free port. */
  port?: number;
  host?: string;
  /** The built files; default dashboard/dist. */
  dist?: string;
};

type File = { type: string; body: Buffer; gzipped: Buffer };

export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const dist = options.dist ?? DIST;
  const files = new Map<string, File>();
  let names: string[];
  try {
    names = await readdir(dist);
  } catch {
    names = [];
  }
  if (!names.includes("index.html") || !names.includes("app.js")) {
    throw new Error(
      `the dashboard is not built (no index.html and app.js in ${dist}): run \`npm run build -w dashboard\``,
    );
  }
  const add = (name: string, type: string, body: Buffer) =>
    files.set(`/${name}`, { type, body, gzipped: gzipSync(body) });
  const apiUrl = options.apiUrl.replace(/\/+$/, "");
  for (const name of names) {
    const type = TYPES[path.extname(name)];
    if (type === undefined) continue;
    let body = await readFile(path.join(dist, name));
    // The page names its indexer itself, which saves it fetching config.json first.
    if (name === "index.html") body = Buffer.from(body.toString().replace(API_META, apiMeta(apiUrl)));
    add(name, type, body);
  }
  add("config.json", TYPES[".json"]!, Buffer.from(JSON.stringify({ apiUrl })));
  files.set("/", files.get("/index.html")!);

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" }).end("Method not allowed\n");
      return;
    }
    const file = files.get(pathname);
    if (file === undefined) {
      response.writeHead(404, { "content-type": "text/plain" }).end(`No ${pathname} here: the dashboard is at /\n`);
      return;
    }
    const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const body = gzip ? file.gzipped : file.body;
    response.writeHead(200, {
      "content-type": file.type,
      "content-length": body.length,
      "cache-control": "no-cache",
      vary: "accept-encoding",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    response.end(request.method === "HEAD" ? undefined : body);
  };

  const host = options.host ?? "127.0.0.1";
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://${host}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { api: { type: "string", default: "http://127.0.0.1:42069" }, port: { type: "string", default: "4173" } },
  });
  const served = await startDashboardServer({ apiUrl: values.api, port: Number(values.port) });
  console.log(`Dashboard ${served.url} reading the indexer at ${values.api}`);
}
