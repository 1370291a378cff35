// The bench's one table: a row per metric, a column for postview and each peer, postview's ratio
// to markdown-wasm, the issue's target and whether it is met. Printed as Markdown so the README
// can hold it as it is.

/** The median of a series (the upper one of an even count): every figure in the table is one. */
export const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

/**
 * A row. `values` maps a column (postview or a peer) to a number; `ratio` is postview's figure
 * over markdown-wasm's; `met` is true, false (MISSED) or undefined (no target).
 */
export const row = (metric, values, { digits = 1, ratio, target = '', met } = {}) =>
  ({ metric, values, digits, ratio, target, met });

/** The table as Markdown lines, `columns` in order after the metric. */
export function formatTable(rows, columns) {
  const header = ['metric', ...columns, 'postview ÷ markdown-wasm', 'target', 'verdict'];
  const cells = rows.map((r) => [
    r.metric,
    ...columns.map((c) => (r.values[c] === undefined ? '' : r.values[c].toFixed(r.digits))),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.target,
    r.met === undefined ? '' : r.met ? 'met' : '**MISSED**',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => `| ${c.map((text, i) => (i === 0 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)];
}
