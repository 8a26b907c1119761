/**
 * Runs a command and measures it the way the build benchmarks report it:
 * wall time, CPU time, and the peak resident memory of its whole process tree (the
 * sum over the process and every descendant, sampled from /proc every
 * 25 ms — Pagefind's indexer, for one, is a separate process).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export interface Measured {
  seconds: number;
  /** User + system CPU seconds of the whole tree: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakMb: number;
  log: string;
}

function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) kids.push(...text.split(' ').map(Number));
    }
  } catch {
    // The process ended between listing and reading.
  }
  return kids;
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Resident memory of `pid` and all its descendants, in KB. */
export function treeRssKb(pid: number): number {
  let sum = 0;
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop()!;
    sum += rssKb(p);
    todo.push(...childrenOf(p));
  }
  return sum;
}

/** Runs `command args` in `cwd` with `env` added; throws with the log's tail when it fails. */
export async function measure(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<Measured> {
  const started = performance.now();
  // GNU time adds up the CPU time of every process the command waited for.
  const child = spawn('/usr/bin/time', ['-f', 'BENCH_CPU %U %S', command, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  let peakKb = 0;
  const sample = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(child.pid!))), 25);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(sample);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    console.error(log.slice(-4000));
    throw new Error(`${command} ${args.join(' ')} misslyckades (${code})`);
  }
  const [, user, system] = /BENCH_CPU (\S+) (\S+)/.exec(log) ?? [];
  return { seconds, cpuSeconds: Number(user) + Number(system), peakMb: peakKb / 1024, log };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
}
