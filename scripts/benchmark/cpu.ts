/**
 * CPU time of the network's processes, read from /proc: every process the scripts started (their pid files under
 * .fabric/pids) and, apart, each one's descendants (a peer's chaincode processes). Linux only; elsewhere empty.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** CPU seconds (user + system) by process label. */
export type CpuSample = ReadonlyMap<string, number>;

const TICKS_PER_SECOND = 100;

/** CPU seconds so far of every started process, and of each one's descendants under `<label> children`. */
export function sampleCpu(pidDir: string): CpuSample {
  const sample = new Map<string, number>();
  if (!existsSync(pidDir) || !existsSync('/proc/self/stat')) {
    return sample;
  }
  const parents = parentsByPid();
  for (const file of readdirSync(pidDir).filter((name) => name.endsWith('.pid'))) {
    const pid = Number(readFileSync(path.join(pidDir, file), 'utf8').trim());
    const label = labelOf(file.slice(0, -'.pid'.length));
    if (!Number.isInteger(pid) || label === 'supervisor') continue;
    sample.set(label, (sample.get(label) ?? 0) + cpuSeconds(pid));
    const children = descendants(pid, parents).reduce((sum, child) => sum + cpuSeconds(child), 0);
    if (children > 0) sample.set(`${label} children`, (sample.get(`${label} children`) ?? 0) + children);
  }
  const own = process.cpuUsage();
  sample.set('benchmark client', (own.user + own.system) / 1e6);
  return sample;
}

/** What each process spent between two samples. */
export function cpuSpent(before: CpuSample, after: CpuSample): ReadonlyMap<string, number> {
  const spent = new Map<string, number>();
  for (const [label, seconds] of after) {
    spent.set(label, Math.max(0, seconds - (before.get(label) ?? 0)));
  }
  return spent;
}

/** `peer0.municipality.agreements.local` → `peer municipality`; `gateway-placement` stays as it is. */
function labelOf(name: string): string {
  const node = /^(peer|orderer)\d*\.([^.]+)\./.exec(name);
  return node === null ? name : `${node[1] ?? ''} ${node[2] ?? ''}`;
}

function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (1-based); after the `)` they are 12 and 13.
  return fields === undefined ? 0 : (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid.toString()}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function parentsByPid(): ReadonlyMap<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (fields !== undefined) parents.set(pid, Number(fields[1]));
  }
  return parents;
}

function descendants(root: number, parents: ReadonlyMap<number, number>): number[] {
  const found: number[] = [];
  const queue = [root];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const [child, parent] of parents) {
      if (parent === pid) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}
