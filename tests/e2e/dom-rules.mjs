// The DOM rules a preview must keep, and the tripwires that notice script running. Both run
// inside the page (page.evaluate / addInitScript serialise them), so each is self-contained.

/**
 * Every way the elements under `root` break the rules, one string each (for locator.evaluate).
 * URLs are judged by the browser's own URL parser.
 */
export function domRuleViolations(root) {
  const FORBIDDEN = ['script', 'base', 'meta', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form',
    'style', 'link', 'noscript', 'template'];
  const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'cite', 'background', 'data'];
  const RASTER_DATA = /^data:image\/(png|gif|jpeg|webp)[;,]/i;
  const urlAllowed = (url, inlineImageAllowed) => {
    if (!URL.canParse(url)) return true; // relative: resolved against the page
    const parsed = new URL(url);
    if (['http:', 'https:', 'mailto:'].includes(parsed.protocol)) return true;
    return inlineImageAllowed && parsed.protocol === 'data:' && RASTER_DATA.test(parsed.href);
  };
  const urlsIn = (name, value) =>
    name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]).filter(Boolean) : [value];
  const found = [];
  const visit = (element) => {
    const name = element.localName;
    if (FORBIDDEN.includes(name)) found.push(`a <${name}> element`);
    for (const attribute of element.attributes) {
      const attributeName = attribute.localName.toLowerCase();
      if (attributeName.startsWith('on')) found.push(`<${name} ${attribute.name}>: an event handler`);
      if (URL_ATTRIBUTES.includes(attributeName)) {
        const inlineImageAllowed = name === 'img' && attributeName === 'src';
        for (const url of urlsIn(attributeName, attribute.value)) {
          if (!urlAllowed(url, inlineImageAllowed)) found.push(`<${name} ${attribute.name}=${JSON.stringify(url)}>`);
        }
      }
    }
    for (const child of element.children) visit(child);
    if (element.shadowRoot) for (const child of element.shadowRoot.children) visit(child);
    if (element instanceof HTMLTemplateElement) for (const child of element.content.children) visit(child);
  };
  for (const child of root.children) visit(child);
  return found;
}

/**
 * An init script: `__xss(name)` (what the corpus' payloads call) and alert, confirm, prompt and
 * print record that they ran in `__ran` instead of doing anything. Where the page has a CSP,
 * anything it blocks is recorded too: a script or handler it had to stop got into the page.
 */
export function installTripwires() {
  const ran = [];
  const record = (what) => (...args) => {
    ran.push(`${what}(${args.map(String).join(', ')})`);
  };
  Object.defineProperty(window, '__ran', { value: ran });
  Object.defineProperty(window, '__xss', { value: (name) => ran.push(`__xss(${name})`) });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = record(name);
  // Sanitizing parses the author's HTML in an inert document, which the CSP also reports (as a
  // violation of the page's document); only one on an element of the page itself counts.
  document.addEventListener('securitypolicyviolation', (event) => {
    if (event.target instanceof Element) ran.push(`CSP blocked ${event.violatedDirective} on <${event.target.localName}>`);
  });
}

/** Resolves when every image under `root` has loaded or failed (lazy ones off screen may never). */
export function imagesSettled(root) {
  const pending = [...root.querySelectorAll('img')].filter((image) => !image.complete);
  const settled = pending.map((image) => new Promise((resolve) => {
    image.addEventListener('load', resolve, { once: true });
    image.addEventListener('error', resolve, { once: true });
  }));
  // A lazy image below the fold never settles; two frames are enough for those that will.
  const frames = new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return Promise.race([Promise.all(settled), frames.then(() => new Promise((resolve) => setTimeout(resolve, 300)))]);
}
