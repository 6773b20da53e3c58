/**
 * What one `npm start` owns on disk, apart from every other start in the same checkout. A stack claims its ports in
 * `.surety/ports/<port>.json` (its pid and all its ports) before it touches anything, and owns the folders named
 * after those ports: its indexer's database in `.surety/stacks/api-<api port>/` and its Ignition deployment in
 * `ignition/deployments/local-<chain port>/`. A second start on other ports therefore never deletes what the first
 * uses, and a second start on a port a running stack holds is refused, naming that stack. A claim whose process is
 * gone (killed with SIGKILL, say) is stale and taken over.
 */
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";

import { REPO_ROOT } from "./local-chain.ts";

export const STATE_ROOT = path.join(REPO_ROOT, ".surety");
const PORTS = path.join(STATE_ROOT, "ports");

/** A stack's ports; `chain` only when it runs its own node. */
export type StackPorts = { chain?: number; api: number; dashboard: number };

/** A running stack, as its claim records it. */
export type StackOwner = { pid: number; pidStart: string | null; since: string; ports: StackPorts };

/** The flag that sets each port, for messages. */
export const PORT_FLAGS = { chain: "--chain-port", api: "--api-port", dashboard: "--dashboard-port" } as const;

/** A port that a running stack of this checkout holds. */
export class StackBusyError extends Error {
  readonly owner: StackOwner;
  readonly port: number;

  constructor(port: number, owner: StackOwner) {
    super(
      `port ${port} belongs to the Surety stack of pid ${owner.pid}, still running (${describePorts(owner.ports)})`,
    );
    this.owner = owner;
    this.port = port;
  }
}

export function describePorts(ports: StackPorts): string {
  return [
    ...(ports.chain === undefined ? [] : [`chain ${ports.chain}`]),
    `API ${ports.api}`,
    `dashboard ${ports.dashboard}`,
  ].join(", ");
}

/** The kernel's start time of a process (Linux), to tell it from a later process given the same pid; else null. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The second field (the command) may hold spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process that wrote a claim still runs. */
export function isAlive(owner: Pick<StackOwner, "pid" | "pidStart">): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return owner.pidStart === null || startTimeOf(owner.pid) === null || startTimeOf(owner.pid) === owner.pidStart;
}

const claimFile = (port: number) => path.join(PORTS, `${port}.json`);

async function readClaim(port: number): Promise<StackOwner | undefined> {
  try {
    return JSON.parse(await readFile(claimFile(port), "utf8")) as StackOwner;
  } catch {
    return undefined;
  }
}

/** The running stack of this checkout that holds `port`, if any (stale claims are ignored). */
export async function ownerOf(port: number): Promise<StackOwner | undefined> {
  const owner = await readClaim(port);
  return owner !== undefined && isAlive(owner) ? owner : undefined;
}

/** Every port a running stack of this checkout holds, for suggesting others. */
export async function claimedPorts(): Promise<Set<number>> {
  const files = await readdir(PORTS).catch(() => [] as string[]);
  const claimed = new Set<number>();
  for (const file of files) {
    const port = Number(file.replace(/\.json$/, ""));
    if (Number.isSafeInteger(port) && (await ownerOf(port)) !== undefined) claimed.add(port);
  }
  return claimed;
}

/** The folders a stack on `ports` owns. */
function foldersOf(ports: StackPorts) {
  const databaseFolder = path.join(STATE_ROOT, "stacks", `api-${ports.api}`);
  const deploymentId = ports.chain === undefined ? undefined : `local-${ports.chain}`;
  const deploymentFolder =
    deploymentId === undefined ? undefined : path.join(REPO_ROOT, "ignition/deployments", deploymentId);
  const folders = [databaseFolder, ...(deploymentFolder === undefined ? [] : [deploymentFolder])];
  return { databaseFolder, deploymentId, deploymentFolder, folders };
}

/**
 * Removes what stacks killed before they could clean up left behind (their claims and folders), so that a checkout
 * does not fill with old databases. Each stale claim is first taken over, as a start on that port would, so that no
 * other start uses the folders meanwhile.
 */
async function sweepStale(me: StackOwner): Promise<void> {
  const files = await readdir(PORTS).catch(() => [] as string[]);
  for (const file of files) {
    const port = Number(file.replace(/\.json$/, ""));
    if (!Number.isSafeInteger(port)) continue;
    const stale = await readClaim(port);
    if (stale === undefined || stale.pid === me.pid || isAlive(stale)) continue;
    await rm(claimFile(port), { force: true });
    try {
      await writeFile(claimFile(port), `${JSON.stringify(me)}\n`, { flag: "wx" });
    } catch {
      continue; // another start took the port meanwhile: its folders are its own
    }
    // Only the folder named after this port: the database goes with the API port, the deployment with the chain's.
    const { databaseFolder, deploymentFolder } = foldersOf(stale.ports);
    if (stale.ports.api === port) await rm(databaseFolder, { recursive: true, force: true });
    if (stale.ports.chain === port && deploymentFolder !== undefined) {
      await rm(deploymentFolder, { recursive: true, force: true });
    }
    await rm(claimFile(port), { force: true });
  }
}

export type StackClaim = {
  ports: StackPorts;
  /** The indexer's PGlite folder. */
  databaseFolder: string;
  /** The Ignition deployment id of a local stack (`local-<chain port>`), and its folder. */
  deploymentId: string | undefined;
  deploymentFolder: string | undefined;
  /** Empties the stack's folders, for a fresh chain and database: no other running stack of this checkout uses them. */
  reset: () => Promise<void>;
  /** Removes the stack's folders (unless told not to) and gives its ports back. */
  release: (removeFolders?: boolean) => Promise<void>;
};

/**
 * Claims `ports` for this process, or throws StackBusyError naming the running stack that holds one of them (none is
 * claimed then). Once claimed, the folders named after them are this stack's alone (`reset` empties them).
 */
export async function claimStack(ports: StackPorts): Promise<StackClaim> {
  await mkdir(PORTS, { recursive: true });
  const me: StackOwner = {
    pid: process.pid,
    pidStart: startTimeOf(process.pid),
    since: new Date().toISOString(),
    ports,
  };
  const wanted = [ports.chain, ports.api, ports.dashboard].filter((port): port is number => port !== undefined);
  const held: number[] = [];
  const releasePorts = async () => {
    for (const port of held) {
      const owner = await readClaim(port);
      if (owner?.pid === process.pid) await rm(claimFile(port), { force: true });
    }
    held.length = 0;
  };
  try {
    for (const port of wanted) {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await writeFile(claimFile(port), `${JSON.stringify(me)}\n`, { flag: "wx" });
          held.push(port);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        }
        const owner = await readClaim(port);
        if (owner !== undefined && isAlive(owner)) throw new StackBusyError(port, owner);
        // A stale claim (its process is gone), or one being written right now: take it over, or look again.
        if (attempt >= 2) throw new Error(`could not claim port ${port} in ${PORTS}: another start keeps taking it`);
        if (owner !== undefined) await rm(claimFile(port), { force: true });
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  } catch (error) {
    await releasePorts();
    throw error;
  }

  const { databaseFolder, deploymentId, deploymentFolder, folders } = foldersOf(ports);
  await sweepStale(me);
  return {
    ports,
    databaseFolder,
    deploymentId,
    deploymentFolder,
    reset: async () => {
      // What an earlier stack on these ports left (it was killed before it could clean up) is stale.
      for (const folder of folders) await rm(folder, { recursive: true, force: true });
      await mkdir(databaseFolder, { recursive: true });
    },
    release: async (removeFolders = true) => {
      if (removeFolders) for (const folder of folders) await rm(folder, { recursive: true, force: true });
      await releasePorts();
    },
  };
}
