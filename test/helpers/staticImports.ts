import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The files and packages reachable from a TypeScript source through its
 * static imports and re-exports (type-only ones aside, since they are erased):
 * what a thread loads when it imports `entry`. Used by the start-up guards in
 * test/architecture (worker threads, the CLI).
 */
export function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>(), packages = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.')) stack.push(path.normalize(path.join(path.dirname(file), spec)).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  }
  return { files, packages };
}
