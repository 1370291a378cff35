// What changed between two versions of a textarea's text, so that postview copies into its
// module only that (src/browser/textarea_text.rs keeps the copy and decides what the offsets
// mean; this is the part that must read JavaScript strings where they are).

const isHighSurrogate = (unit) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Units compared at once: slices this long are views of their string, and comparing two is
 * the engine's own loop. One unit at a time in script, a keystroke in the middle of a 100 KB
 * post cost 0.7 ms (the loop rarely runs long enough to be optimised).
 */
const STRIDE = 512;

/** How many units `a` and `b` share at their start, up to `most`. */
function sharedStart(a, b, most) {
  let at = 0;
  while (at + STRIDE <= most && a.slice(at, at + STRIDE) === b.slice(at, at + STRIDE)) at += STRIDE;
  while (at < most && a.charCodeAt(at) === b.charCodeAt(at)) at += 1;
  return at;
}

/** How many units `a` and `b` share at their end, up to `most`. */
function sharedEnd(a, b, most) {
  let kept = 0;
  const [aEnd, bEnd] = [a.length, b.length];
  while (kept + STRIDE <= most && a.slice(aEnd - kept - STRIDE, aEnd - kept) === b.slice(bEnd - kept - STRIDE, bEnd - kept)) {
    kept += STRIDE;
  }
  while (kept < most && a.charCodeAt(aEnd - 1 - kept) === b.charCodeAt(bEnd - 1 - kept)) kept += 1;
  return kept;
}

/**
 * `null` when `after` is `before`; else `{ from, to, insert }`, UTF-16 offsets into `before`:
 * `after` is `before` with `insert` in place of `from`..`to`, the one span from the first unit
 * that differs to the last. The span never splits a surrogate pair.
 */
export function textChange(before, after) {
  if (before === after) return null;
  const most = Math.min(before.length, after.length);
  let from = sharedStart(before, after, most);
  if (from > 0 && isHighSurrogate(before.charCodeAt(from - 1))) from -= 1;
  let kept = sharedEnd(before, after, most - from);
  if (kept > 0 && isLowSurrogate(before.charCodeAt(before.length - kept))) kept -= 1;
  return { from, to: before.length - kept, insert: after.slice(from, after.length - kept) };
}
