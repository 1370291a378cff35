// Lazy part: ```mermaid blocks drawn by Mermaid, at securityLevel 'strict' (labels sanitized by
// Mermaid's DOMPurify, no click callbacks, no script URLs). A broken diagram shows its error
// above its source. Each diagram lives in a shadow root with its stylesheet adopted there (no
// <style> element in the preview, and Mermaid's CSS cannot reach the page, nor the page's it),
// its styles set through the CSSOM (cssom-styles.js): the page's CSP allows no inline style.
import mermaid from 'mermaid';
import { drawWithCssom, showStyles } from './cssom-styles.js';

mermaid.initialize({
  startOnLoad: false,
  securityLevel: 'strict',
  // Errors are thrown (and shown by us in place), not drawn as a bomb icon into the page.
  suppressErrorRendering: true,
  // What a diagram's own %%{init}%% directive may never change (Mermaid's list, plus its CSS).
  secure: ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges', 'themeCSS'],
});

// Mermaid first removes any element of the document with the id it draws under: a prefix no
// author can guess keeps it off the author's own ids (headings, raw HTML).
const ID_PREFIX = `postview-diagram-${crypto.getRandomValues(new Uint32Array(2)).join('')}-`;
let drawn = 0;

/** Draws each `<pre>` holding a ```mermaid block that is still in the page. */
export async function enhance(blocks) {
  for (const pre of blocks) {
    if (!pre.isConnected) continue; // edited away while Mermaid loaded or drew another diagram
    const source = pre.textContent;
    try {
      drawn += 1;
      const id = `${ID_PREFIX}${drawn}`;
      show(pre, await drawWithCssom(id, () => mermaid.render(id, source)));
    } catch (error) {
      showError(pre, error);
    }
  }
}

function show(pre, { svg, sheet, styles }) {
  const parsed = document.createElement('template');
  parsed.innerHTML = svg;
  const host = document.createElement('div');
  host.className = 'postview-diagram';
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.adoptedStyleSheets = [sheet];
  shadow.append(parsed.content);
  showStyles(shadow, styles);
  pre.classList.add('postview-diagram-block');
  pre.replaceChildren(host);
}

function showError(pre, error) {
  const message = document.createElement('span');
  message.className = 'postview-diagram-error';
  message.setAttribute('role', 'note');
  message.textContent = `This diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
  pre.prepend(message);
}
