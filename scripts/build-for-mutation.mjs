#!/usr/bin/env node
// Stryker's build step (stryker.config.json "buildCommand"), run inside its sandbox after the sources
// are instrumented: compiles source/ and test/ file by file to JavaScript under .mutation-build/ and
// copies every other file there (protobuf schemas, fixtures), so each mutant's test processes start
// under plain node instead of paying for the tsx loader every time. README "Mutation testing".
import {cpSync, mkdirSync, readdirSync, rmSync, statSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {build} from 'esbuild';

const OUT = '.mutation-build';
const ROOTS = ['source', 'test'];

rmSync(OUT, {recursive: true, force: true});
const sources = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) sources.push(path);
    else {
      mkdirSync(join(OUT, dirname(path)), {recursive: true});
      cpSync(path, join(OUT, path));
    }
  }
};
for (const root of ROOTS) walk(root);
await build({
  entryPoints: sources,
  outdir: OUT,
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  logLevel: 'warning',
});
console.log(`build-for-mutation: ${sources.length} files compiled to ${OUT}/`);
