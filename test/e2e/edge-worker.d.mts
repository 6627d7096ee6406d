/** Types for edge-worker.mjs (the Cloudflare Worker built by wrangler and run in workerd). */
export function compatibilityDate(): string;
export function buildWorker(): Promise<string>;
export interface RunningWorker {
  url: string;
  output: string[];
  dispose(): Promise<void>;
}
export function startWorker(
  bundleDir: string,
  options: { upstream: string; allowedOrigins: string; port?: number },
): Promise<RunningWorker>;
