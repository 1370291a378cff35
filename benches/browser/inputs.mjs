// The benchmark inputs, generated deterministically: posts of 5 KB, 100 KB and 1 MB from the seed
// benches/inputs/post-seed.md (the same generator as benches/inputs/posts.rs), and the CommonMark
// spec text from npm's commonmark-spec.
import { readFileSync } from 'node:fs';

const seed = readFileSync(new URL('../inputs/post-seed.md', import.meta.url), 'utf8');
const utf8Length = (text) => Buffer.byteLength(text, 'utf8');

/** The seed's front matter (with the blank line after it) and its repeating section. */
function seedParts() {
  const end = seed.indexOf('\n---\n', 4) + '\n---\n\n'.length;
  return [seed.slice(0, end), seed.slice(end)];
}

/** The front matter, then sections numbered 1, 2, 3... until the post holds `size` UTF-8 bytes. */
export function postOfSize(size) {
  const [frontMatter, section] = seedParts();
  const parts = [frontMatter];
  let bytes = utf8Length(frontMatter);
  for (let n = 1; bytes < size; n += 1) {
    const numbered = section.replaceAll('{n}', String(n));
    parts.push(numbered);
    bytes += utf8Length(numbered);
  }
  return parts.join('');
}

/** Every input, in table order: { name, text, bytes (UTF-8) }. */
export function allInputs() {
  const spec = readFileSync(new URL('../../node_modules/commonmark-spec/spec.txt', import.meta.url), 'utf8');
  const named = [
    ['post 5 KB', postOfSize(5 << 10)],
    ['post 100 KB', postOfSize(100 << 10)],
    ['post 1 MB', postOfSize(1 << 20)],
    ['CommonMark spec', spec],
  ];
  return named.map(([name, text]) => ({ name, text, bytes: utf8Length(text) }));
}
