// The package as a user gets it: www/pkg packed by `npm pack` and installed, offline, into a
// scratch project in a temporary folder, with jsdom (which `postview/node` needs) from npm's cache.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PKG = join(ROOT, 'www/pkg');
const OFFLINE = ['--offline', '--no-audit', '--no-fund'];

/**
 * How long an npm command may take before it is killed and run once more. npm now and then never
 * exits once its work is done (seen here in `npm ci --offline`: node_modules complete, its event
 * loop waiting on nothing for minutes); a normal run here takes seconds.
 */
const NPM_TIMEOUT_MS = 120_000;

/** Runs `command` in `cwd`; resolves to its stdout, rejects with its stderr in the message. */
export async function runIn(cwd, command, args) {
  const npm = command === 'npm';
  for (let attempt = 1; ; attempt += 1) {
    try {
      const options = { cwd, maxBuffer: 64 * 1024 * 1024, timeout: npm ? NPM_TIMEOUT_MS : 0, killSignal: 'SIGKILL' };
      return (await run(command, args, options)).stdout;
    } catch (error) {
      if (npm && error.killed && attempt === 1) {
        console.error(`${command} ${args.join(' ')} did not finish in ${NPM_TIMEOUT_MS / 1000} s in ${cwd}: running it again`);
        continue;
      }
      throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout}${error.stderr}`, { cause: error });
    }
  }
}

/** `npm pack` of www/pkg into `into`: { tarball (its path), files (paths inside the package) }. */
export async function pack(into) {
  const [packed] = JSON.parse(await runIn(PKG, 'npm', ['pack', '--json', '--pack-destination', into]));
  return { tarball: join(into, packed.filename), files: packed.files.map((file) => file.path) };
}

/**
 * Where `name`, required from the package at `from`, is in a lockfile's `packages` (as Node
 * looks: the nearest `node_modules` first, then each one further up).
 */
function lookUp(packages, from, name) {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (candidate in packages) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/**
 * The entries of the repository's package-lock.json that `name` needs, as a scratch project's
 * lockfile has them, each with its tarball's address: the repository's lockfile leaves those out
 * (`omit-lockfile-registry-resolved`), and without them npm asks the registry for each package's
 * versions, which its cache may not hold. `npm ci` in the repository cached the tarballs, so the
 * scratch project installs offline from this lockfile, never by resolving names.
 */
async function lockedClosure(name) {
  const { packages } = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8'));
  const registry = (await runIn(ROOT, 'npm', ['config', 'get', 'registry'])).trim().replace(/\/?$/, '/');
  const found = {};
  const queue = [lookUp(packages, '', name)];
  while (queue.length > 0) {
    const path = queue.shift();
    if (path === undefined || path in found) continue;
    const { dev, devOptional, peer, ...entry } = packages[path];
    const packageName = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const file = `${packageName.split('/').pop()}-${entry.version}.tgz`;
    found[path] = { resolved: `${registry}${packageName}/-/${file}`, ...entry };
    for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      queue.push(lookUp(packages, path, dependency));
    }
  }
  return found;
}

/**
 * A scratch project in a new temporary folder with the packed package installed offline, and
 * jsdom unless `withJsdom` is false. Resolves to { dir, files, remove }.
 */
export async function installPackage({ withJsdom = true } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'postview-package-'));
  const { tarball, files } = await pack(dir);
  const project = { name: 'scratch', private: true, type: 'module', dependencies: {} };
  if (withJsdom) {
    const locked = await lockedClosure('jsdom');
    if (!locked['node_modules/jsdom']) throw new Error('jsdom is not in package-lock.json: run npm ci');
    project.dependencies.jsdom = locked['node_modules/jsdom'].version;
    const root = { name: project.name, dependencies: project.dependencies };
    const lock = { name: 'scratch', lockfileVersion: 3, requires: true, packages: { '': root, ...locked } };
    await writeFile(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  }
  await writeFile(join(dir, 'package.json'), JSON.stringify(project, null, 2));
  if (withJsdom) await runIn(dir, 'npm', ['ci', ...OFFLINE]);
  await runIn(dir, 'npm', ['install', ...OFFLINE, tarball]);
  return { dir, files, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the ES module `code` with Node in `dir`; resolves to what it prints, parsed as JSON. */
export async function nodeIn(dir, code) {
  return JSON.parse(await runIn(dir, process.execPath, ['--input-type=module', '-e', code]));
}
