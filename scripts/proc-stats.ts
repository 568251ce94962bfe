/**
 * CPU and memory of a process tree, read from /proc (Linux), for the benchmarks
 * (scripts/bench-load.ts, scripts/bench-browser.ts).
 */
import { execSync } from "node:child_process";
import fs from "node:fs";

const getconf = (name: string, fallback: number) => {
  try {
    return Number(execSync(`getconf ${name}`, { encoding: "utf8" })) || fallback;
  } catch {
    return fallback;
  }
};
const CLK_TCK = getconf("CLK_TCK", 100);
const PAGE_SIZE = getconf("PAGESIZE", 4096);

export type Proc = { pid: number; ppid: number; comm: string; started: string; cpuTicks: number; rssBytes: number };
export function allProcs(): Proc[] {
  if (!fs.existsSync("/proc")) return [];
  return fs.readdirSync("/proc").flatMap((d) => {
    if (!/^\d+$/.test(d)) return [];
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      // "pid (comm) state ppid …": utime, stime, cutime, cstime are fields 14-17, starttime 22, rss 24.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cpuTicks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      return [{ pid: Number(d), ppid: Number(f[1]), comm: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), started: f[19]!, cpuTicks, rssBytes: Number(f[21]) * PAGE_SIZE }];
    } catch {
      return []; // ended meanwhile
    }
  });
}
/** The process and all its descendants. */
export function processTree(root: number): Proc[] {
  const all = root ? allProcs() : [];
  const tree = all.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++) tree.push(...all.filter((p) => p.ppid === tree[i]!.pid));
  return tree;
}
/** CPU seconds: utime+stime of each process, plus those of its children that ended and were reaped. */
export const cpuOf = (ps: Proc[]) => ps.reduce((s, p) => s + p.cpuTicks, 0) / CLK_TCK;
export const rssOf = (ps: Proc[]) => ps.reduce((s, p) => s + p.rssBytes, 0);
/**
 * The private part of RSS (RssAnon: heaps, stacks), without the pages of files mapped into memory:
 * SQLite maps up to 256 MB of the database file into each process (mmap_size), and those pages
 * count in RSS as they are first read, which looks like growth but is the file, shared and
 * reclaimable. A leak shows here.
 */
export const anonOf = (ps: Proc[]) =>
  ps.reduce((sum, p) => {
    try {
      const m = /RssAnon:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p.pid}/status`, "utf8"));
      return sum + (m ? Number(m[1]) * 1024 : 0);
    } catch {
      return sum;
    }
  }, 0);
/** With PostgreSQL the queries' CPU is in its own processes: every "postgres" process on this machine. */
export const postgresCpu = () => cpuOf(allProcs().filter((p) => p.comm === "postgres"));
/**
 * The whole machine's CPU time from /proc/stat, in seconds: busy (user, nice, system, irq,
 * softirq) and stolen (time the virtual machine's cores wanted to run but the host ran something
 * else). On a shared virtual machine a run with much stolen time had less machine than its figures
 * suggest.
 */
export function machineCpu(): { busy: number; steal: number } {
  try {
    const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = f;
    return { busy: (user + nice + system + irq + softirq) / CLK_TCK, steal: steal / CLK_TCK };
  } catch {
    return { busy: NaN, steal: NaN };
  }
}
