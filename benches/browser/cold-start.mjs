// Cold start: from navigation start (performance.timeOrigin) to the end of the first frame that
// shows a rendered preview on www/index.html, in a fresh browser context (empty cache) each time.

const LOADS = 9;

/**
 * Runs in the page before its own scripts: notes when the "Preview" region first holds rendered
 * body content, then resolves one task after the next frame (after its paint on the main thread).
 */
function watchFirstPreview() {
  window.firstPreview = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[aria-label="Preview"] .postview-body > *')) return;
      observer.disconnect();
      const shown = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ shown, painted: performance.now() });
        channel.port2.postMessage(0);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * Loads the page `LOADS` times (its own sample post), each in a new context made by
 * `newContext()`; returns { median, min, max, loads } of navigation -> painted preview in ms.
 */
export async function measureColdStart(newContext, pageUrl) {
  const times = [];
  for (let i = 0; i < LOADS; i += 1) {
    const context = await newContext();
    await context.addInitScript(watchFirstPreview);
    const page = await context.newPage();
    await page.goto(pageUrl);
    times.push((await page.evaluate(() => window.firstPreview)).painted);
    await context.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[LOADS >> 1], min: times[0], max: times[LOADS - 1], loads: LOADS };
}
