// Work on many elements in slices of about 8 ms, yielding to the page between slices: a pasted
// post with thousands of formulas or code blocks never holds the main thread for seconds.

const SLICE_MS = 8;

/** Calls `work(element)` for each of `elements`, letting the page run every SLICE_MS or so. */
export async function inSlices(elements, work) {
  let sliceStart = performance.now();
  for (const element of elements) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
    work(element);
  }
}
