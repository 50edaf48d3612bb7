// Is dist/ built from the source/ on disk? The build (scripts/buildDist.mjs) records in
// dist/.build-stamp.json the moment it started reading its inputs; an input file (or folder: a deleted
// or renamed file changes its folder) modified after that moment makes dist/ stale, and the build
// runs tsc again.
import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const stampPath = join(repoRoot, 'dist', '.build-stamp.json');

/** What the emitted JavaScript depends on: the sources, the compiler settings, the build itself. */
const INPUT_DIRS = ['source'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/buildDist.mjs'];

/** The last build's stamp, or null when dist/ was never built completely. */
export function readStamp() {
  try {
    const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
    return typeof stamp.inputsAsOf === 'number' ? stamp : null;
  } catch {
    return null;
  }
}

/** The first input (repository-relative path) modified after `since` (epoch ms), or null. */
export function inputChangedSince(since) {
  const newer = (path) => {
    try {
      return statSync(path).mtimeMs > since;
    } catch {
      return false; // absent (e.g. no source/ in a runtime image): nothing to be newer
    }
  };
  for (const file of INPUT_FILES) if (newer(join(repoRoot, file))) return file;
  const walk = (dir) => {
    if (newer(dir)) return dir;
    let names;
    try {
      names = readdirSync(dir, {withFileTypes: true});
    } catch {
      return null;
    }
    for (const entry of names) {
      const path = join(dir, entry.name);
      const found = entry.isDirectory() ? walk(path) : newer(path) ? path : null;
      if (found) return found;
    }
    return null;
  };
  for (const dir of INPUT_DIRS) {
    const found = walk(join(repoRoot, dir));
    if (found) return relative(repoRoot, found) || dir;
  }
  return null;
}
