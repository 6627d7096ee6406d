import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(__dirname, '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every import specifier in a file, resolved to a src-relative path for relative imports. */
function imports(file: string): Array<{ spec: string; target: string | null }> {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specs.map((m) => {
    const spec = m[1] ?? m[2] ?? '';
    return { spec, target: spec.startsWith('.') ? relative(src, resolve(dirname(file), spec)) : null };
  });
}

const layer = (path: string) => path.split('/')[0] ?? '';
const RULES: Record<string, { layers: string[]; packages: RegExp }> = {
  core: { layers: ['core'], packages: /^$/ },
  platform: { layers: ['core', 'platform'], packages: /^$/ },
  storage: { layers: ['core', 'storage'], packages: /^idb$/ },
  workers: { layers: ['core', 'storage', 'platform', 'workers'], packages: /^(comlink|idb)$/ },
};

describe('layering', () => {
  for (const file of files(src)) {
    const rel = relative(src, file);
    const own = layer(rel);
    const rule = RULES[own];
    const isClient = /\/client\.ts$/.test(rel);
    if (!rule || isClient) continue;
    it(`${rel} imports only what its layer may`, () => {
      for (const { spec, target } of imports(file)) {
        if (target === null) expect(spec, `${rel} imports package ${spec}`).toMatch(rule.packages);
        else expect(rule.layers, `${rel} imports ${target}`).toContain(layer(target));
      }
    });
  }

  it('the UI reaches workers only through their api, types and client modules', () => {
    for (const file of files(join(src, 'ui'))) {
      for (const { target } of imports(file)) {
        if (target?.startsWith('workers/'))
          expect(target, relative(src, file)).toMatch(/\/(api|client|facade|types)$/);
      }
    }
  });
});

/** Relative and package imports that survive compilation (not `import type`, not all-`type` specifier lists). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+([^'"]*?)\s*from\s+['"]([^'"]+)['"]/gm)) {
    const clause = m[1] ?? '';
    const spec = m[2] ?? '';
    if (/^type\s/.test(clause)) continue;
    const names = clause.match(/^\{([^}]*)\}$/)?.[1];
    if (names?.split(',').every((n) => n.trim() === '' || /^type\s/.test(n.trim()))) continue;
    out.push(spec);
  }
  for (const m of text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)) out.push(m[1] ?? '');
  return out;
}

function resolveSource(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // try the next extension
    }
  }
  return null;
}

describe('first paint', () => {
  /** The entry's static value-import graph: its source files, and the packages each imports. */
  const entryGraph = () => {
    const seen = new Set<string>();
    const packages: Array<[string, string]> = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of valueImports(file)) {
        if (!spec.startsWith('.')) {
          packages.push([spec, relative(src, file)]);
          continue;
        }
        const target = resolveSource(file, spec);
        if (target) walk(target);
      }
    };
    walk(join(src, 'main.tsx'));
    return { files: [...seen].map((f) => relative(src, f)), packages };
  };

  it('the entry reaches lightweight-charts only through the lazily imported chart runtime', () => {
    // A static value import of the chart library anywhere in the entry's graph would make the entry wait for its
    // download again (see src/ui/chart/chart-runtime.ts).
    const { files, packages } = entryGraph();
    expect(files.length).toBeGreaterThan(20);
    expect(files).not.toContain('ui/chart/chart-controller.ts');
    expect(packages.filter(([p]) => p === 'lightweight-charts')).toEqual([]);
  });

  it("the entry loads no database code and no service worker client: the demo's first paint needs neither", () => {
    // Both are imported on first use (storage/connection.ts, ui/pwa/UpdatePrompt.tsx), after the first chart;
    // in the entry they only made it larger to compile before it could run.
    const { files, packages } = entryGraph();
    expect(files).toContain('storage/connection.ts');
    expect(files.filter((f) => f === 'storage/open.ts' || f === 'storage/migrations.ts')).toEqual([]);
    expect(packages.filter(([p]) => p === 'idb' || p === 'workbox-window')).toEqual([]);
  });
});
