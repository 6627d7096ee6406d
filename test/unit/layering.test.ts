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
  storage: { layers: ['core', 'storage'], packages: /^idb$/ },
  workers: { layers: ['core', 'storage', 'workers'], packages: /^(comlink|idb)$/ },
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
