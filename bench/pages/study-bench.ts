/** Main-thread side of the study bench: runs the worker and records the longest main-thread task meanwhile. */
interface RunReply {
  ms: number;
  events: number;
  bars: number;
}

declare global {
  interface Window {
    __bench?: unknown;
  }
}

let longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
}).observe({ type: 'longtask', buffered: false });

const worker = new Worker(new URL('./study-bench.worker.ts', import.meta.url), { type: 'module' });
const ask = (msg: string) =>
  new Promise<RunReply>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<RunReply | { error: string }>) =>
      'error' in e.data ? reject(new Error(e.data.error)) : resolve(e.data);
    worker.postMessage(msg);
  });

async function main(): Promise<void> {
  await ask('prepare');
  // A frame callback every animation frame keeps the main thread observable while the worker computes.
  let frames = 0;
  const raf = () => {
    frames++;
    requestAnimationFrame(raf);
  };
  requestAnimationFrame(raf);
  await ask('run'); // warm-up (JIT)
  longest = 0;
  const runs: number[] = [];
  let info: RunReply = { ms: 0, events: 0, bars: 0 };
  for (let i = 0; i < 5; i++) {
    info = await ask('run');
    runs.push(info.ms);
  }
  await new Promise((r) => setTimeout(r, 100));
  const sorted = [...runs].sort((a, b) => a - b);
  window.__bench = {
    runs,
    medianMs: sorted[2],
    longestTaskMs: longest,
    events: info.events,
    bars: info.bars,
    frames,
  };
}

main().catch((e: unknown) => {
  window.__bench = { error: String(e) };
});
