/**
 * A throwaway PostgreSQL server from the machine's own binaries: initdb into a temporary folder, a free loopback
 * port, trust authentication, and everything removed on stop. The server refuses to run as root, so as root it
 * runs as the `postgres` user.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import { freePort } from "./local-chain.ts";

const run = promisify(execFile);

/** The folder holding initdb, pg_ctl and createdb, or null when this machine has no PostgreSQL. */
export function findPostgresBin(): string | null {
  const candidates = [
    ...(process.env.SURETY_PG_BIN === undefined ? [] : [process.env.SURETY_PG_BIN]),
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => `/usr/lib/postgresql/${version}/bin`)
      : []),
    "/usr/local/bin",
    "/usr/bin",
    "/opt/homebrew/bin",
  ];
  return (
    candidates.find((folder) =>
      ["initdb", "pg_ctl", "createdb"].every((tool) => existsSync(path.join(folder, tool))),
    ) ?? null
  );
}

export type Postgres = {
  /** A connection URL to a fresh database. */
  url: string;
  port: number;
  /** Creates another empty database on the server and returns its URL. */
  createDatabase: (name: string) => Promise<string>;
  stop: () => Promise<void>;
};

export async function startPostgres(options: { database?: string } = {}): Promise<Postgres> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error("no PostgreSQL binaries (initdb, pg_ctl, createdb) on this machine");
  const asRoot = userInfo().uid === 0;
  const folder = await mkdtemp(path.join(tmpdir(), "surety-pg-"));
  const data = path.join(folder, "data");
  const port = await freePort();
  // As root, the server's own commands run as the postgres user, which must own the folder.
  const exec = async (tool: string, args: string[]) => {
    const command = path.join(bin, tool);
    return asRoot ? run("runuser", ["-u", "postgres", "--", command, ...args]) : run(command, args);
  };
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    await chown(folder, Number(stdout.trim()), Number(group.trim()));
  }
  await chmod(folder, 0o700);

  const stop = async () => {
    await exec("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await exec("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    await exec("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(folder, "server.log"),
      "-o",
      `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      "-w",
      "start",
    ]);
    const createDatabase = async (name: string) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name ${name}`);
      await exec("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", name]);
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    };
    const url = await createDatabase(options.database ?? "surety");
    return { url, port, createDatabase, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
