// CPU time of a process tree from /proc (Linux): utime + stime of every process under a root, including
// processes that exit while it is being measured (sampled every few seconds, last value kept).

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** pid → { ppid, ticks, comm } for every readable process. */
function snapshot() {
  const out = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // comm is in parentheses and may hold spaces: split after the last ')'.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const f = stat.slice(close + 2).split(' ');
      // Fields after comm: state(0) ppid(1) … utime(11) stime(12).
      out.set(Number(name), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), comm });
    } catch {
      // exited between readdir and read
    }
  }
  return out;
}

function descendants(all, root) {
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all)
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
  }
  return tree;
}

/** The Chromium browser processes this Node process launched (children of it whose binary is Chromium). */
export function chromiumRoots(parent = process.pid) {
  const roots = [];
  for (const [pid, p] of snapshot()) {
    if (p.ppid !== parent) continue;
    try {
      if (/chrom/i.test(readlinkSync(`/proc/${pid}/exe`))) roots.push(pid);
    } catch {
      // gone or not ours
    }
  }
  return roots;
}

/**
 * Starts measuring the trees under `roots`. `stop()` resolves the CPU seconds they used since, and per-process-kind
 * seconds (Chromium's --type=renderer/gpu-process/utility…, "browser" for the root).
 */
export function measureTreeCpu(roots, sampleMs = 2000) {
  const first = new Map();
  const last = new Map();
  const kinds = new Map();
  const sample = () => {
    const all = snapshot();
    const tree = new Set(roots.flatMap((r) => [...descendants(all, r)]));
    for (const pid of tree) {
      const p = all.get(pid);
      if (!p) continue;
      // A process born during the measurement counts from zero.
      if (!first.has(pid)) first.set(pid, started ? 0 : p.ticks);
      last.set(pid, p.ticks);
      if (!kinds.has(pid)) kinds.set(pid, kindOf(pid, roots));
    }
  };
  let started = false;
  sample();
  started = true;
  const timer = setInterval(sample, sampleMs);
  const t0 = process.hrtime.bigint();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      const byKind = {};
      let ticks = 0;
      for (const [pid, end] of last) {
        const used = end - (first.get(pid) ?? 0);
        ticks += used;
        const k = kinds.get(pid) ?? '?';
        byKind[k] = (byKind[k] ?? 0) + used / TICKS_PER_S;
      }
      return { cpuS: ticks / TICKS_PER_S, wallS, byKind };
    },
  };
}

function kindOf(pid, roots) {
  if (roots.includes(pid)) return 'browser';
  try {
    // Chromium rewrites its command line into one space-separated title, so match rather than split on NUL.
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    const type = /--type=(\S+)/.exec(cmd)?.[1] ?? 'other';
    const sub = /--utility-sub-type=(\S+)/.exec(cmd)?.[1];
    return sub ? `${type}:${sub.replace(/^.*\./, '')}` : type;
  } catch {
    return '?';
  }
}
