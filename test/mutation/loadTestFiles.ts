// Stryker's TAP runner starts one node process per entry it is given, so the mutation run
// (`npm run test:mutation`, README "Mutation testing") gives it one entry per test folder rather than
// one per file. Each entry imports that folder's test files, which register their tests with node:test
// in this one process. These entries are not `*.test.ts`, so `npm test` does not run them. The run
// compiles its sandbox to JavaScript first (scripts/build-for-mutation.mjs), so this module runs as .ts
// under tsx or as .js under plain node, and loads test files of its own kind.
import {readdirSync, statSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';

const EXTENSION = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const TEST_FILE = new RegExp(`\\.test\\.${EXTENSION}x?$`);
const INTEGRATION_TEST = new RegExp(`\\.integration\\.test\\.${EXTENSION}x?$`);
const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * Imports, in sorted order, the test files (integration tests left out) under each given folder
 * (`test/engine/market`), directly in it (`test/engine/*`), or named (`test/exchanges/mexc/signing.test`,
 * no extension). Paths are relative to the repository root.
 */
export async function loadTestFiles(...paths: string[]): Promise<void> {
  const files: string[] = [];
  const walk = (dir: string, nested: boolean): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (nested) walk(path, nested);
      } else if (TEST_FILE.test(name) && !INTEGRATION_TEST.test(name)) files.push(path);
    }
  };
  for (const path of paths) {
    if (path.endsWith('.test')) files.push(`${resolve(ROOT, path)}.${EXTENSION}`);
    else if (path.endsWith('/*')) walk(resolve(ROOT, path.slice(0, -2)), false);
    else walk(resolve(ROOT, path), true);
  }
  for (const file of files) await import(pathToFileURL(file).href);
}
