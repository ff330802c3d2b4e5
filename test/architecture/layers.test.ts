import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layered picture of src/ (README, "Architecture"): every import points
 * down this list, or stays inside its own folder; no file imports itself
 * back through a circle. Lowest first.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['errors.ts', 'limits.ts', 'version.ts'],
  ['io', 'rng'],
  ['stats'],
  ['distributions'],
  ['sampling'],
  ['model'],
  ['models'],
  ['scenario'],
  ['engine'],
  ['result'],
  ['report'],
  ['analysis'],
  ['serve'],
  ['cli'],
  ['library.ts'],
  ['index.ts'],
];
const rank = new Map<string, number>(LAYERS.flatMap((names, r) => names.map((n) => [n, r] as [string, number])));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a file (static `import … from`, `export … from`, and dynamic `import('…')`), as src-relative .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
  return specs.map((s) => path.normalize(path.join(path.dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** The layer unit of a src file: its top folder, or the file itself at the top. */
function unitOf(file: string): string {
  const rel = path.relative('src', file).split(path.sep);
  return rel[0];
}

const files = sourceFiles('src');
const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith(`src${path.sep}`))]));

describe('architecture', () => {
  it('every src folder and top-level file has a layer', () => {
    const units = [...new Set(files.map(unitOf))];
    expect(units.filter((u) => !rank.has(u))).toEqual([]);
  });

  it('imports only point down the layers (or stay in their folder)', () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = unitOf(file);
      for (const t of targets) {
        const to = unitOf(t);
        if (to !== from && rank.get(to)! >= rank.get(from)!) upward.push(`${file} -> ${t}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no import circle between files', () => {
    // Tarjan's strongly connected components: any component of more than one file is a circle.
    let index = 0;
    const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
    const circles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1) circles.push(comp.sort());
      }
    };
    for (const f of graph.keys()) if (!idx.has(f)) visit(f);
    expect(circles).toEqual([]);
  });

  it('workers/ reach src only below the CLI', () => {
    const bad = sourceFiles('workers').flatMap((f) => importsOf(f).filter((t) => t.startsWith(`src${path.sep}`) && rank.get(unitOf(t))! >= rank.get('analysis')!).map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
  });
});
