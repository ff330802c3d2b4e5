import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_MODELS } from '../../src/models/index.js';
import { resolveScenarioFile } from '../../src/scenario/resolve.js';
import { scenarioFilesIn } from '../../src/cli/scorecardCommand.js';

const modelDirs = readdirSync('src/models', { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'mechanisms').map((d) => d.name);

describe('model documentation and shipped scenarios', () => {
  it('every built-in model has a README beside it naming each of its inputs', () => {
    const readmes = modelDirs.map((d) => readFileSync(path.join('src/models', d, 'README.md'), 'utf8'));
    for (const model of Object.values(BUILTIN_MODELS)) {
      const readme = readmes.find((r) => r.startsWith(`# \`${model.name}\``));
      expect(readme, `README for ${model.name}`).toBeDefined();
      for (const input of Object.keys(model.inputs)) expect(readme, `${model.name} README lists ${input}`).toContain(`\`${input}\``);
    }
  });

  it('every id in config/interview/CLAIMS.md has a claim in config/interview', async () => {
    const ids = [...readFileSync('config/interview/CLAIMS.md', 'utf8').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(ids.length).toBe(11);
    const claimIds: string[] = [];
    for (const f of scenarioFilesIn('config/interview')) {
      const { scenario } = await resolveScenarioFile(f);
      claimIds.push(...scenario.claims.map((c) => c.id));
      for (const [name, input] of Object.entries(scenario.inputs)) {
        expect(input.source.length, `${f}: ${name} has a source`).toBeGreaterThan(5);
        expect(input.rationale.length, `${f}: ${name} has a rationale`).toBeGreaterThan(3);
      }
      expect(scenario.start).toBe('2026-02');
    }
    for (const id of ids) expect(claimIds, `a claim with the CLAIMS.md id ${id}`).toContain(id);
  }); // timeout: vitest.config.ts
});

/** Files of the checkout: tracked and untracked-but-not-ignored (git), else a walk of the tree; never node_modules or dist. */
function repositoryFiles(): string[] {
  let files: string[];
  try {
    files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const p = dir === '.' ? d.name : `${dir}/${d.name}`;
        if (['.git', 'node_modules', 'dist', 'results', 'test-artifacts'].includes(d.name)) return [];
        return d.isDirectory() ? walk(p) : [p];
      });
    files = walk('.');
  }
  return files.filter((f) => !/^(node_modules|dist)(\/|$)/.test(f) && lstatSync(f, { throwIfNoEntry: false })?.isFile());
}

/** Every `source:` value in a parsed YAML document, with the path of keys that leads to it. */
function sourceStrings(node: unknown, at: string): { at: string; source: string }[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => sourceStrings(v, `${at}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'source' && typeof v === 'string' ? [{ at, source: v }] : sourceStrings(v, at ? `${at}.${k}` : k),
  );
}

/** SOURCES.md section numbers ("2a" from "### 2a. Launch cost to LEO") with each section's text. */
function sourcesSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  const headings = [...markdown.matchAll(/^#{2,3} (\d+[a-z]?)\. .*$/gm)];
  headings.forEach((h, i) => sections.set(h[1], markdown.slice(h.index, headings[i + 1]?.index ?? markdown.length)));
  return sections;
}

describe('a self-contained repository', () => {
  it('no file of the repository points outside it to the team folder', () => {
    // The strings are built from parts so that this file does not contain them. Any relative
    // path into a folder named shared, and the team folder's absolute path, is a reference a
    // clone of the repository cannot follow (the models' own mechanisms live in src/models/mechanisms/).
    const relative = new RegExp(`${['\\.\\.', 'shared'].join('/')}(?:/[\\w./-]*)?`, 'g');
    const absolute = ['', 'work', 'shared'].join('/');
    const hits: string[] = [];
    for (const f of repositoryFiles()) {
      const text = readFileSync(f, 'latin1');
      if (text.includes(absolute)) hits.push(`${f}: ${absolute}`);
      for (const [ref] of text.matchAll(relative)) hits.push(`${f}: ${ref}`);
    }
    expect(hits).toEqual([]);
  });

  it('the project documents cited by the scenarios are in the repository', () => {
    for (const f of ['config/interview/CLAIMS.md', 'config/interview/SOURCES.md', 'config/peers/PEERS.md']) {
      expect(lstatSync(f, { throwIfNoEntry: false })?.isFile(), f).toBe(true);
    }
  });

  it('every "SOURCES §X" in a config source: names a section of config/interview/SOURCES.md (and §Xy-R a row R of it)', () => {
    const sections = sourcesSections(readFileSync('config/interview/SOURCES.md', 'utf8'));
    expect(sections.size).toBeGreaterThan(10);
    const yamlFiles = repositoryFiles().filter((f) => f.startsWith('config/') && /\.ya?ml$/.test(f));
    expect(yamlFiles.length).toBeGreaterThan(10);
    let citations = 0;
    const unresolved: string[] = [];
    for (const f of yamlFiles) {
      for (const { at, source } of sourceStrings(parse(readFileSync(f, 'utf8')), '')) {
        for (const m of source.matchAll(/SOURCES(?:\.md)? §(\d+[a-z]?)(?:-([A-Z]))?/g)) {
          citations++;
          const [cited, section, row] = m;
          const text = sections.get(section);
          if (text === undefined) unresolved.push(`${f} ${at}: "${cited}" (no section ${section})`);
          else if (row !== undefined && !new RegExp(`^\\| ${row} \\|`, 'm').test(text)) unresolved.push(`${f} ${at}: "${cited}" (no row ${row} in §${section})`);
        }
      }
    }
    expect(citations).toBeGreaterThan(50);
    expect(unresolved).toEqual([]);
  });
});
