// `render()`'s blocks, built on the JavaScript side from the body's HTML string: each block's
// html is a slice of `html` (V8 keeps a slice of 13 or more characters as a view of it, no
// copy), so the body crosses from WebAssembly once, not twice, and the blocks cross as one array
// of numbers, not one object, string and four property writes each. Only glue: what the
// numbers mean is decided in Rust.

/**
 * `fields` holds five numbers per block: where its HTML starts and ends in `html` (JavaScript
 * string indices), its key, and its first and last editor lines.
 */
export function blocksFromFields(html, fields) {
  const blocks = new Array(fields.length / 5);
  for (let i = 0, at = 0; at < fields.length; i += 1, at += 5) {
    blocks[i] = {
      html: html.slice(fields[at], fields[at + 1]),
      key: fields[at + 2],
      startLine: fields[at + 3],
      endLine: fields[at + 4],
    };
  }
  return blocks;
}
