// The npm package (www/pkg, after `make build`) as a user gets it: packed, installed offline into a
// scratch project, imported in Node, its types checked by tsc against a consumer (consumer.ts).
import assert from 'node:assert/strict';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PKG, ROOT, installPackage, nodeIn, runIn } from './scratch.mjs';

let scratch;
before(async () => {
  scratch = await installPackage();
});
after(async () => {
  await scratch?.remove();
});

const manifest = async () => JSON.parse(await readFile(join(PKG, 'package.json'), 'utf8'));

/** Every path a package.json field names (`exports` patterns as their prefix). */
function pointedTo({ main, types, exports, files }) {
  const targets = [main, types, ...files];
  const walk = (target) => (typeof target === 'string' ? targets.push(target) : Object.values(target).forEach(walk));
  walk(exports);
  return targets.map((path) => path.replace(/^\.\//, '').replace(/\*$/, ''));
}

test('the package says what npm, Node, TypeScript and bundlers read, from Cargo.toml', async () => {
  const pkg = await manifest();
  const cargo = await readFile(join(ROOT, 'Cargo.toml'), 'utf8');
  for (const key of ['name', 'version', 'description', 'license']) {
    assert.ok(cargo.includes(`\n${key} = ${JSON.stringify(pkg[key])}\n`), `${key}: ${pkg[key]} is Cargo.toml's`);
  }
  assert.ok(cargo.includes(`\nrepository = ${JSON.stringify(pkg.repository.url)}\n`));
  assert.deepEqual(Object.keys(pkg.exports), [
    '.', './node', './post-preview', './preview.css', './postview_bg.wasm', './lazy/*', './package.json',
  ]);
  assert.equal(pkg.exports['.'].types, pkg.types);
  // Only the element (it defines <post-preview>) and the stylesheet act on import.
  assert.deepEqual(pkg.sideEffects, ['./post-preview.js', './preview.css']);
});

test('the tarball holds every file package.json points to', async () => {
  const pkg = await manifest();
  for (const path of pointedTo(pkg)) {
    assert.ok(scratch.files.some((file) => file === path || (path.endsWith('/') && file.startsWith(path))), `${path} is packed`);
  }
});

test('the tarball carries the text of each licence its licence field names', async () => {
  const pkg = await manifest();
  assert.equal(pkg.license, 'MIT OR Apache-2.0');
  const installed = join(scratch.dir, 'node_modules/postview');
  const texts = { 'LICENSE-MIT': /^Permission is hereby granted, free of charge/m, 'LICENSE-APACHE': /Apache License\s+Version 2\.0/ };
  for (const [file, opening] of Object.entries(texts)) {
    assert.ok(scratch.files.includes(file), `${file} is packed`);
    assert.match(await readFile(join(installed, file), 'utf8'), opening);
  }
});

test('every module in the tarball imports or loads only files that are in it', async () => {
  const installed = join(scratch.dir, 'node_modules/postview');
  const modules = scratch.files.filter((file) => file.endsWith('.js'));
  // enhance.js imports `../../../../lazy/${name}.js`, one per lazy part (the minifier renames
  // `name`, so any one placeholder stands for the part's name).
  const PLACEHOLDER = /\$\{\w+\}/;
  const lazy = (specifier) => ['highlight', 'math', 'diagram'].map((name) => specifier.replace(PLACEHOLDER, name));
  let checked = 0;
  for (const module of modules) {
    const text = await readFile(join(installed, module), 'utf8');
    const imports = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*(?:new URL\()?)[`'"](\.\.?\/[^`'"]+)[`'"]/g);
    // Files found at run time beside the module (the wasm): `new URL('postview_bg.wasm', import.meta.url)`.
    const assets = [...text.matchAll(/new URL\(\s*[`'"]([^`'"$]+)[`'"]\s*,\s*import\.meta\.url/g)].map(([, path]) => [
      null,
      path.startsWith('.') ? path : `./${path}`,
    ]);
    for (const [, specifier] of [...imports, ...assets]) {
      for (const relative of PLACEHOLDER.test(specifier) ? lazy(specifier) : [specifier]) {
        const target = new URL(relative, `file:///${module}`).pathname.slice(1);
        assert.ok(scratch.files.includes(target), `${module} imports ${relative}, which is packed`);
        checked += 1;
      }
    }
  }
  assert.ok(checked > 10, `imports were found (${checked})`);
});

const HOSTILE = '---\ntitle: Hello\n---\n# Hi\n\n<b onclick="alert(1)">bold</b> <img src="javascript:alert(1)" alt="x"> <a href="https://example.com/">out</a>\n';

test('postview/node renders a post with its raw HTML sanitized by DOMPurify on jsdom', async () => {
  const rendered = await nodeIn(scratch.dir, `
    import { render } from 'postview/node';
    console.log(JSON.stringify(render(${JSON.stringify(HOSTILE)})));`);
  assert.equal(rendered.meta.title, 'Hello');
  assert.match(rendered.headerHtml, /<h1 class="post-title">Hello<\/h1>/);
  assert.equal(
    rendered.html,
    '<h1 id="hi">Hi</h1>\n<p><b>bold</b> <img alt="x" loading="lazy" referrerpolicy="no-referrer"> ' +
      '<a href="https://example.com/" target="_blank" rel="noopener noreferrer">out</a></p>\n',
  );
  assert.deepEqual(rendered.diagnostics, []);
});

test('postview/node reads TOML front matter from the first render (the lazy parser is loaded from the package)', async () => {
  const rendered = await nodeIn(scratch.dir, `
    import { render } from 'postview/node';
    console.log(JSON.stringify(render('+++\\ntitle = "Hugo"\\ntags = ["a", "b"]\\n+++\\n\\nBody.\\n')));`);
  assert.equal(rendered.frontMatter.format, 'toml');
  assert.equal(rendered.meta.title, 'Hugo');
  assert.deepEqual(rendered.meta.tags, ['a', 'b']);
  assert.deepEqual(rendered.diagnostics, []);
  assert.equal(rendered.html, '<p>Body.</p>\n');
});

test('postview in Node without a DOM shows raw HTML as text and says why; importing mount breaks nothing; sanitizeOn refuses a non-window', async () => {
  const { html, diagnostics, mountType, notAWindow } = await nodeIn(scratch.dir, `
    import { readFile } from 'node:fs/promises';
    import { createRequire } from 'node:module';
    import init, { mount, render, sanitizeOn } from 'postview';
    const wasm = createRequire(import.meta.url).resolve('postview/postview_bg.wasm');
    await init({ module_or_path: await readFile(wasm) });
    let notAWindow;
    try { sanitizeOn({}); } catch (error) { notAWindow = error.message; }
    console.log(JSON.stringify({ ...render(${JSON.stringify(HOSTILE)}), mountType: typeof mount, notAWindow }));`);
  assert.equal(mountType, 'function');
  assert.equal(notAWindow, 'DOMPurify cannot run on that window (no DOM)');
  assert.match(html, /<p>&lt;b onclick="alert\(1\)"&gt;bold&lt;\/b&gt;/);
  assert.deepEqual(diagnostics.map((d) => d.message), [
    'the raw HTML could not be sanitized (there is no HTML sanitizer without a DOM); its raw HTML is shown as text',
  ]);
});

test('after a panic the next render runs in a fresh instance, and postview/node still sanitizes on jsdom', async () => {
  const { before: first, plain, after: second } = await nodeIn(scratch.dir, `
    import { render } from 'postview/node';
    import { __panicForTesting, render as renderPlain } from 'postview';
    const source = ${JSON.stringify(HOSTILE)};
    const first = render(source).html;
    const error = console.error;
    console.error = () => {};
    try { __panicForTesting(); } catch {}
    console.error = error;
    // The plain render first: its text must reach the fresh instance, not the dead one.
    const plain = renderPlain('---\\ntitle: Hello\\n---\\n# Hi\\n').html;
    console.log(JSON.stringify({ before: first, plain, after: render(source).html }));`);
  assert.match(first, /<b>bold<\/b>/);
  assert.equal(plain, '<h1 id="hi">Hi</h1>\n');
  assert.equal(second, first);
});

test('after a trap without a panic inside render(), the next render runs in a fresh instance', async () => {
  const { thrown, after } = await nodeIn(scratch.dir, `
    import { render } from 'postview/node';
    import { __trapNowForTesting } from 'postview';
    const error = console.error;
    console.error = () => {};
    let thrown = 'nothing';
    try { __trapNowForTesting(); } catch (trap) { thrown = trap.constructor.name; }
    console.error = error;
    console.log(JSON.stringify({ thrown, after: render('# 陷阱之后\\n').html }));`);
  assert.equal(thrown, 'RuntimeError');
  assert.equal(after, '<h1 id="陷阱之后">陷阱之后</h1>\n');
});

test('postview/node without jsdom installed says to install it', async () => {
  const bare = await installPackage({ withJsdom: false });
  try {
    const { message } = await nodeIn(bare.dir, `
      try { await import('postview/node'); console.log('{}'); }
      catch (error) { console.log(JSON.stringify({ message: error.message })); }`);
    assert.match(message, /postview\/node needs jsdom .*npm install jsdom/);
  } finally {
    await bare.remove();
  }
});

test('the declarations have no `any`', async () => {
  const declarations = scratch.files.filter((file) => file.endsWith('.d.ts'));
  assert.ok(declarations.length >= 2, declarations.join());
  for (const file of declarations) {
    const code = (await readFile(join(scratch.dir, 'node_modules/postview', file), 'utf8'))
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(code, /\bany\b/, `${file} declares something as any`);
  }
});

test('a strict TypeScript consumer of every option and result field type-checks (and its mistakes do not)', async () => {
  await copyFile(join(ROOT, 'tests/package/consumer.ts'), join(scratch.dir, 'consumer.ts'));
  const compilerOptions = {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['es2022', 'dom'],
    types: [],
  };
  await writeFile(join(scratch.dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['consumer.ts'] }));
  await runIn(scratch.dir, process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '-p', '.']);
});
