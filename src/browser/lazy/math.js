// Lazy part: TeX to MathML with Temml, untrusted (no \href, \url, \htmlClass… links or classes).
// A formula with an error shows its TeX and the error in its place; the others still render.
import temml from 'temml';
import { inSlices } from './slices.js';

/** Renders each `<span class="math math-inline|math-display">` holding TeX. */
export function enhance(spans) {
  return inSlices(spans, (span) => {
    const tex = span.textContent;
    try {
      temml.render(tex, span, { displayMode: span.classList.contains('math-display'), trust: false, throwOnError: true });
    } catch (error) {
      showError(span, tex, error);
    }
  });
}

function showError(span, tex, error) {
  const source = document.createElement('code');
  source.textContent = tex;
  const message = document.createElement('span');
  message.className = 'postview-math-message';
  message.textContent = error instanceof Error ? error.message : String(error);
  span.classList.add('postview-math-error');
  span.replaceChildren(source, ' ', message);
}
