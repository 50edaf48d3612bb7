// The repository explains itself: every `docs/… §N` a comment cites names a document in docs/ with that
// section, and no comment points at a document outside the repository.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path);
    return /\.(tsx?|mjs|proto)$/.test(name) ? [path] : [];
  });
}

const code = ['source', 'test', 'test-reliability', 'bench', 'scripts'].flatMap((dir) => files(join(root, dir)));
const self = fileURLToPath(import.meta.url);

/** `docs/protocols/mexc.md §2.5`, `docs/strategy.md §7, §9`, `docs/protocols/kucoin.md §6 pitfall 5` */
const CITATION = /docs\/([\w/-]+\.md) ((?:§[\d.]*\d(?: pitfall \d+)?(?:, | and |–)?)+)/g;

interface Citation {
  where: string;
  doc: string;
  section: string;
}

function citations(): Citation[] {
  const found: Citation[] = [];
  for (const file of code) {
    if (file === self) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const match of line.matchAll(CITATION)) {
        for (const section of match[2]!.match(/§[\d.]*\d(?: pitfall \d+)?/g)!) {
          found.push({where: `${relative(root, file)}:${i + 1}`, doc: match[1]!, section: section.slice(1)});
        }
      }
    });
  }
  return found;
}

/** Section numbers of a document: `## 2. Title`, `### 2.5 Title`, and pitfalls `### Pitfall 5 — …` under §6 or `### 8.2 …`. */
function sections(doc: string): Set<string> {
  const numbers = new Set<string>();
  let current = '';
  for (const line of readFileSync(join(root, 'docs', doc), 'utf8').split('\n')) {
    const numbered = /^#{1,6} (\d+(?:\.\d+)*)\.? /.exec(line);
    if (numbered) {
      current = numbered[1]!;
      numbers.add(current);
      continue;
    }
    const pitfall = /^#{1,6} Pitfall (\d+)\b/.exec(line);
    if (pitfall) numbers.add(`${current.split('.')[0]} pitfall ${pitfall[1]}`);
  }
  return numbers;
}

const found = citations();

test('comments cite the docs (the scan finds citations of every document)', () => {
  const docs = new Set(found.map((c) => c.doc));
  for (const doc of ['protocols/mexc.md', 'protocols/kucoin.md', 'strategy.md']) assert.ok(docs.has(doc), `no citation of docs/${doc}`);
  assert.ok(found.length > 100, `${found.length} citations`);
});

test('every cited document and section exists in docs/', () => {
  const missing: string[] = [];
  const cache = new Map<string, Set<string>>();
  for (const c of found) {
    if (!existsSync(join(root, 'docs', c.doc))) {
      missing.push(`${c.where}: docs/${c.doc} does not exist`);
      continue;
    }
    if (!cache.has(c.doc)) cache.set(c.doc, sections(c.doc));
    if (!cache.get(c.doc)!.has(c.section)) missing.push(`${c.where}: docs/${c.doc} has no §${c.section}`);
  }
  assert.deepEqual(missing, []);
});

test('no comment points at a document outside the repository', () => {
  const outside = /(?<!docs\/protocols\/)\b(mexc|kucoin)\.md\b|\.\.\/shared\/(protocols|spec|hooks)|product spec|the seed'?s\b|\bspec §/;
  const bad: string[] = [];
  for (const file of code) {
    if (file === self) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (outside.test(line)) bad.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  assert.deepEqual(bad, []);
});

test('every source file or folder the docs and the README name exists', () => {
  const docs = [join(root, 'README.md'), ...readdirSync(join(root, 'docs'), {recursive: true}).map(String).filter((n) => n.endsWith('.md')).map((n) => join(root, 'docs', n))];
  const missing: string[] = [];
  for (const doc of docs) {
    for (const match of readFileSync(doc, 'utf8').matchAll(/\bsource\/[\w./-]*[\w/]/g)) {
      if (!existsSync(join(root, match[0]))) missing.push(`${relative(root, doc)}: ${match[0]}`);
    }
  }
  assert.deepEqual(missing, []);
});
