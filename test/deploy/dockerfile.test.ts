// deploy/docker/: the Dockerfile builds with the npm scripts CI runs and only scripts package.json has,
// copies only files that exist, runs unprivileged and headless with keys from the environment; the
// compose file and the build context's .dockerignore match it. (No image is built here: the test
// machines have no Docker engine.)
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');
const scripts = (JSON.parse(read('package.json')) as {scripts: Record<string, string>}).scripts;

interface Instruction {
  stage: string;
  keyword: string;
  args: string;
}

/** Instructions in order, continuation lines joined, each with the name of its stage (FROM … AS name). */
function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let stage = '';
  const joined = text.replace(/\\\n/g, ' ');
  for (const raw of joined.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword!.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? '';
    out.push({stage, keyword: keyword!.toUpperCase(), args});
  }
  return out;
}

const dockerfile = instructions(read('deploy/docker/Dockerfile'));
const inStage = (stage: string, keyword: string): Instruction[] => dockerfile.filter((i) => i.stage === stage && i.keyword === keyword);

/** Every npm command line inside RUN steps of a stage: "ci --omit=dev …", "run build", … */
function npmCommands(stage: string): string[] {
  return inStage(stage, 'RUN').flatMap((i) => i.args.split(/&&|;/).map((part) => part.trim()).filter((part) => part.startsWith('npm ')).map((part) => part.slice(4)));
}

test('the Dockerfile runs npm ci and only npm scripts that package.json has', () => {
  const all = [...npmCommands('build'), ...npmCommands('runtime')];
  assert.ok(all.length > 0, 'no npm step found');
  for (const command of all) {
    const [verb, name] = command.split(/\s+/);
    if (verb === 'run' || verb === 'run-script') assert.ok(name !== undefined && name in scripts, `npm ${command}: package.json has no script ${name}`);
    else assert.ok(verb === 'ci' || (verb === 'cache' && name === 'clean'), `npm ${command}: only npm ci, npm run <script> and npm cache clean are expected`);
  }
});

test('the build stage runs what CI runs (npm ci, the build script that npm test runs); the runtime stage installs production dependencies only', () => {
  const build = npmCommands('build');
  assert.ok(build.some((c) => c.startsWith('ci')), `build stage: ${build.join(' | ')}`);
  assert.ok(build.includes('run build'), `build stage: ${build.join(' | ')}`);
  assert.match(read('.ci/run'), /^npm ci\b/m);
  assert.match(read('.ci/run'), /^npm test$/m);
  assert.match(scripts['test']!, /npm run build/, 'npm test builds with the same script');
  const runtime = npmCommands('runtime').filter((c) => c.startsWith('ci'));
  assert.equal(runtime.length, 1, 'one npm ci in the runtime stage');
  assert.match(runtime[0]!, /--omit=dev/);
  // prepare builds with TypeScript, a dev dependency: the runtime install must not run it
  if (scripts['prepare']) assert.match(runtime[0]!, /--ignore-scripts/);
  assert.ok(inStage('runtime', 'COPY').some((i) => /--from=build\b.*\bdist\/?\s/.test(`${i.args} `)), 'dist/ comes from the build stage');
});

test('every file the Dockerfile copies from the context exists, and .dockerignore lets it through', () => {
  const ignore = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  assert.equal(ignore[0], '*', '.dockerignore excludes everything first, then lets the build inputs in');
  const allowed = ignore.filter((l) => l.startsWith('!')).map((l) => l.slice(1).replace(/\/$/, ''));
  for (const copy of dockerfile.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))) {
    const paths = copy.args.split(/\s+/).filter((p) => !p.startsWith('--')).slice(0, -1);
    for (const path of paths) {
      assert.ok(existsSync(join(repoRoot, path)), `COPY ${path}: not in the repository`);
      assert.ok(allowed.includes(path.replace(/\/$/, '')), `COPY ${path}: .dockerignore does not let it into the context`);
    }
  }
  for (const secret of ['*.env', 'data', 'node_modules', 'dist']) assert.ok(!allowed.includes(secret), `.dockerignore lets ${secret} in`);
});

test('the image runs unprivileged and headless, stops on SIGTERM, keeps its data in a volume, bakes no key', () => {
  const last = (keyword: string): string => inStage('runtime', keyword).at(-1)?.args ?? '';
  const user = last('USER');
  assert.ok(user !== '' && user !== 'root' && user !== '0', `USER ${user}`);
  assert.equal(last('STOPSIGNAL'), 'SIGTERM');
  assert.match(last('VOLUME'), /\/data/);
  assert.match(last('ENTRYPOINT'), /"node", "bin\/mexc-mm\.js"/);
  assert.match(last('CMD'), /"--no-ui"/);
  assert.match(last('CMD'), /"--data-dir", "\/data"/);
  for (const i of dockerfile) assert.doesNotMatch(`${i.keyword} ${i.args}`, /MEXC_API_(KEY|SECRET)/, 'keys come from the environment at run time, never from the image');
});

test('compose builds this Dockerfile, runs live and headless, keys from an env file, the grace the unit gives', () => {
  const compose = read('deploy/docker/compose.yml');
  assert.match(compose, /^\s+dockerfile: deploy\/docker\/Dockerfile$/m);
  assert.match(compose, /^\s+context: \.\.\/\.\.$/m);
  assert.match(compose, /^\s+command: \[.*"--no-ui".*\]$/m);
  assert.match(compose, /^\s+stop_signal: SIGTERM$/m);
  assert.match(compose, /^\s+- mexc-mm\.env$/m);
  assert.match(compose, /^\s+- mexc-mm-data:\/data$/m);
  const grace = /^\s+stop_grace_period: (\d+)s$/m.exec(compose);
  const unitTimeout = /^TimeoutStopSec=(\d+)$/m.exec(read('deploy/systemd/mexc-mm@.service'));
  assert.ok(grace && unitTimeout, 'stop_grace_period and TimeoutStopSec in seconds');
  assert.ok(Number(grace[1]) >= Number(unitTimeout[1]), `stop_grace_period ${grace[1]} s < the unit's TimeoutStopSec ${unitTimeout[1]} s`);
  const settings = compose.split('\n').filter((line) => !line.trim().startsWith('#')).join('\n');
  assert.doesNotMatch(settings, /MEXC_API_(KEY|SECRET)\s*[:=]/, 'no key written in the compose file');
});
