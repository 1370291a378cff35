// Seeds for the fuzz targets' corpora from the posts under tests/fixtures/, so that a run starts
// from real posts (front matter, footnotes, raw HTML, CJK) rather than from nothing (the corpora
// are not committed, so a new machine starts empty): `edits` had covered 8 544 edges after four
// minutes from an empty corpus, and 13 736 one minute after these seeds were added.
//
//   node fuzz/seed.mjs   (make fuzz runs it; rerunning writes the same files)
//
// Each seed is the targets' input: an options byte, the post, and for `edits` a script of edits,
// each after a 0xFF byte (fuzz_targets/edits.rs says how they are read).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fuzz = fileURLToPath(new URL('.', import.meta.url));
const fixtures = fileURLToPath(new URL('../tests/fixtures/', import.meta.url));
// libFuzzer's -max_len in the Makefile.
const MAX_LEN = 65536;
// Options bytes: the post flavor with escaped, sanitized and trusted raw HTML; CommonMark.
const OPTIONS = [0, 2, 4, 1];
// What edits type: markup that opens or closes a construct, a line break, a Chinese character.
const INSERTS = ['**', '\n\n', '\n', '[^1]', '[^1]: 注\n', '$x$', '---\n', '+++\n', '> ', '> [!NOTE]\n',
  '```\n', '<div>', '</div>', '# ', '- ', '1. ', '|a|b|\n|-|-|\n', '[x]: /u\n', '<!-- more -->',
  '{% raw %}', '中', '\\_', '***\n', '![图](a.png)', '`', '*'];

/** Every file under `dir`. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A small deterministic random source (mulberry32), so reruns write the same seeds. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Up to eight edits: 0xFF, a two-byte position, how many characters to remove, what to insert. */
function editScript(next) {
  const edits = [];
  for (let count = 1 + Math.floor(next() * 8); count > 0; count -= 1) {
    const at = Math.floor(next() * 65536);
    const insert = Buffer.from(INSERTS[Math.floor(next() * INSERTS.length)]);
    edits.push(Buffer.from([0xff, at >> 8, at & 0xff, Math.floor(next() * 4)]), insert);
  }
  return Buffer.concat(edits);
}

function write(target, seed) {
  const dir = join(fuzz, 'corpus', target);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `seed-${createHash('sha1').update(seed).digest('hex')}`), seed);
}

const next = random(2024);
let written = 0;
for (const path of filesUnder(fixtures).sort()) {
  const post = readFileSync(path);
  if (post.length + 1 > MAX_LEN || post.includes(0xff)) continue;
  for (const options of OPTIONS) {
    const seed = Buffer.concat([Buffer.from([options]), post]);
    write('render', seed);
    const edits = editScript(next);
    if (seed.length + edits.length <= MAX_LEN) write('edits', Buffer.concat([seed, edits]));
    written += 1;
  }
}
console.log(`fuzz/seed.mjs: ${written} seeds of each target from tests/fixtures/`);
