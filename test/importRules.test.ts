// The import rules of docs/architecture.md, checked against every import under source/. A forbidden edge
// fails the test with the file and the import, so the rules stay true as the code grows.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, normalize, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'source');

export interface ImportEdge {
  /** importing file, relative to source/ (e.g. engine/kernel.ts) */
  from: string;
  /** imported file, relative to source/ (e.g. engine/events.ts) */
  to: string;
  /** `import type` (or every name marked `type`): erased at run time */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'"]*?)\s*from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function resolveTarget(fromFile: string, specifier: string): string {
  const path = normalize(join(dirname(fromFile), specifier));
  for (const candidate of [path, path.replace(/\.js$/, '.ts'), path.replace(/\.js$/, '.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return relative(source, candidate).split('\\').join('/');
    } catch {
      // try the next spelling
    }
  }
  throw new Error(`${relative(source, fromFile)}: cannot resolve ${specifier}`);
}

export function importEdges(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of sourceFiles(source)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[4] ?? match[5]!;
      const names = match[3] ?? '';
      const everyNameTyped = /^\{[^}]*\}$/.test(names.trim()) && names.slice(1, -1).split(',').filter((n) => n.trim()).every((n) => n.trim().startsWith('type '));
      edges.push({from: relative(source, file).split('\\').join('/'), to: resolveTarget(file, specifier), typeOnly: Boolean(match[2]) || everyNameTyped});
    }
  }
  return edges;
}

export interface ImportRule {
  name: string;
  /** the rule applies to imports made by files whose path starts with this */
  from: string;
  /** may this edge exist? */
  allows: (edge: ImportEdge) => boolean;
}

const under = (path: string, ...folders: string[]): boolean => folders.some((folder) => path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`));

export const importRules: ImportRule[] = [
  {
    name: 'the engine imports no client, no UI, no simulator, no store, no wiring: only itself, config types and wire/',
    from: 'engine',
    allows: (e) => under(e.to, 'engine', 'wire') || (under(e.to, 'config') && e.typeOnly),
  },
  {
    name: 'the simulator is an exchange: it imports nothing from the bot (only itself and wire/)',
    from: 'sim',
    allows: (e) => under(e.to, 'sim', 'wire'),
  },
  {
    name: 'the UI imports only the snapshot, start-up view and command types of the engine',
    from: 'ui',
    allows: (e) => under(e.to, 'ui') || (e.typeOnly && (e.to === 'engine/view/snapshot.ts' || e.to === 'engine/view/startupView.ts' || e.to === 'engine/operatorCommand.ts')),
  },
  {
    name: 'clients import the engine\'s language only (events, ports, symbol rules), never the simulator, store, UI or wiring',
    from: 'exchanges',
    allows: (e) =>
      under(e.to, 'exchanges', 'wire') ||
      (under(e.to, 'config') && e.typeOnly) ||
      ['engine/events.ts', 'engine/ports.ts', 'engine/symbolRules.ts'].includes(e.to),
  },
  {
    name: 'MEXC and KuCoin clients are independent; shared/ serves them all and imports none of them',
    from: 'exchanges',
    allows: (e) => {
      const venue = (path: string): string | null => /^exchanges\/(mexc|kucoin|paper|shared)\//.exec(path)?.[1] ?? null;
      const a = venue(e.from);
      const b = venue(e.to);
      if (a === null || b === null || a === b || b === 'shared') return true;
      // the paper venue reads MEXC's real public feeds through the MEXC client
      return a === 'paper' && b === 'mexc';
    },
  },
  {name: 'wire/ is neutral: it imports nothing of the project', from: 'wire', allows: (e) => under(e.to, 'wire')},
  {
    name: 'the store reads snapshot and journal types (and the ledger view\'s markout horizons); it does not reach into the engine, clients or simulator',
    from: 'store',
    allows: (e) =>
      under(e.to, 'store', 'config', 'wire') ||
      (e.typeOnly && under(e.to, 'engine/view')) ||
      // the horizons name the ledger's columns; the file is data definitions only (type-only imports itself)
      e.to === 'engine/view/ledgerView.ts',
  },
  {
    name: 'monitoring reads the snapshot: itself, config, the engine\'s view and event types (type-only) and the store\'s secret guard',
    from: 'monitoring',
    allows: (e) =>
      under(e.to, 'monitoring', 'config') ||
      e.to === 'store/secretGuard.ts' ||
      (e.typeOnly && (under(e.to, 'engine/view') || e.to === 'engine/events.ts' || e.to === 'engine/engineTallies.ts')),
  },
  {
    name: 'config imports only itself and the simulator\'s scenario names, fault names and fault spec parser',
    from: 'config',
    allows: (e) => under(e.to, 'config') || e.to === 'sim/market/scenarios.ts' || e.to === 'sim/faults.ts' || e.to === 'sim/faultSpec.ts',
  },
  {
    name: 'only the command line dispatches to commands/; only commands and the command line use runtime/',
    from: '',
    allows: (e) =>
      (!under(e.to, 'commands') || e.from === 'cli.tsx' || under(e.from, 'cli', 'commands')) &&
      (!under(e.to, 'runtime') || e.from === 'cli.tsx' || under(e.from, 'commands', 'runtime')),
  },
  {
    name: 'the console is mounted by the run wiring only',
    from: '',
    allows: (e) => !under(e.to, 'ui') || under(e.from, 'ui') || (e.from === 'runtime/runBot.ts' && e.to === 'ui/renderConsole.tsx'),
  },
];

export function violations(edges: readonly ImportEdge[], rules: readonly ImportRule[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const rule of rules) {
    const bad = edges.filter((e) => under(e.from, rule.from) || rule.from === '').filter((e) => !rule.allows(e));
    found.set(rule.name, bad.map((e) => `${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}`));
  }
  return found;
}

const edges = importEdges();

test('the import scan sees the source tree (kernel → events, UI → snapshot types)', () => {
  assert.ok(edges.length > 300, `${edges.length} imports found`);
  assert.ok(edges.some((e) => e.from === 'engine/kernel.ts' && e.to === 'engine/events.ts' && e.typeOnly));
  assert.ok(edges.some((e) => e.from.startsWith('ui/') && e.to === 'engine/view/snapshot.ts' && e.typeOnly));
  assert.ok(edges.some((e) => e.from === 'runtime/runBot.ts' && e.to === 'ui/renderConsole.tsx' && !e.typeOnly), 'dynamic imports count');
});

test('the rules catch a forbidden edge (engine → client, sim → engine, UI → engine internals, runtime value import into the UI)', () => {
  const forbidden: ImportEdge[] = [
    {from: 'engine/kernel.ts', to: 'exchanges/mexc/mexcRestClient.ts', typeOnly: false},
    {from: 'sim/simulator.ts', to: 'engine/symbolRules.ts', typeOnly: true},
    {from: 'ui/components/App.tsx', to: 'engine/engineState.ts', typeOnly: true},
    {from: 'ui/components/App.tsx', to: 'engine/view/snapshot.ts', typeOnly: false},
    {from: 'exchanges/mexc/mexcTradingPort.ts', to: 'exchanges/kucoin/kucoinRest.ts', typeOnly: false},
    {from: 'store/stateFile.ts', to: 'runtime/runBot.ts', typeOnly: false},
  ];
  for (const edge of forbidden) {
    const caught = [...violations([edge], importRules).values()].flat();
    assert.equal(caught.length > 0, true, `${edge.from} → ${edge.to} passed every rule`);
  }
});

for (const [rule, bad] of violations(edges, importRules)) {
  test(`import rule: ${rule}`, () => {
    assert.deepEqual(bad, [], `forbidden imports:\n${bad.join('\n')}`);
  });
}
