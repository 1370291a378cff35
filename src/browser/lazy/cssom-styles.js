// Mermaid's styles without 'unsafe-inline': the page's Content-Security-Policy (style-src 'self')
// blocks every <style> element and style attribute, and reports each one, even in markup only
// parsed (a template, DOMParser, DOMPurify's inert document). The CSSOM is not blocked: a
// constructed stylesheet, element.style. So while Mermaid draws a diagram (in a temporary element
// of the page, where it measures its labels), its <style> element is never inserted but becomes
// a constructed stylesheet adopted by the document, and its style attributes are set through
// element.style; the SVG it returns carries neither, only a marker on each styled element, and
// `showStyles` sets those styles again, through the CSSOM, where the diagram is shown.
//
// A style attribute an author wrote in a label is parsed markup: the CSP blocks it, it never gets
// into element.style, so it is never carried over either.

/** The marker's name: an author cannot guess it, so cannot write one in a label. */
const MARK = `data-postview-style-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;

const native = {
  setAttribute: Element.prototype.setAttribute,
  insertBefore: Node.prototype.insertBefore,
  appendChild: Node.prototype.appendChild,
  innerHTML: Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML'),
};

/** One drawing at a time: the hooks below are the page's while one runs (Mermaid queues too). */
let queue = Promise.resolve();

/**
 * Runs `draw` (Mermaid's render of the diagram whose SVG has the id `id`, which resolves to
 * `{ svg }`) with styles going through the CSSOM; resolves to `{ svg, sheet, styles }`: the SVG
 * markup without any style, the diagram's stylesheet, and the styles `showStyles` puts back.
 */
export function drawWithCssom(id, draw) {
  const drawing = queue.then(() => drawNow(id, draw));
  queue = drawing.catch(() => {});
  return drawing;
}

/** Gives the elements under `root` (the shown SVG) the styles Mermaid gave them while drawing. */
export function showStyles(root, styles) {
  for (const element of root.querySelectorAll(`[${MARK}]`)) {
    element.style.cssText = styles[Number(element.getAttribute(MARK))] ?? '';
    element.removeAttribute(MARK);
  }
}

async function drawNow(id, draw) {
  const sheet = new CSSStyleSheet();
  const rules = [];
  const styles = [];
  const drawingArea = () => document.getElementById(`d${id}`);
  const isStyleElement = (node) => node instanceof HTMLStyleElement || node instanceof SVGStyleElement;
  // Mermaid writes its <style> element whole, then inserts it: its rules go to `sheet` instead.
  const insertingStyles = (insert) =>
    function (node, ...rest) {
      if (isStyleElement(node) && drawingArea()?.contains(this)) {
        rules.push(node.textContent);
        sheet.replaceSync(rules.join('\n'));
        return node;
      }
      return insert.call(this, node, ...rest);
    };
  const hooks = {
    setAttribute(name, value) {
      if (this.ownerDocument === document && String(name).toLowerCase() === 'style' && this.style) {
        this.style.cssText = value;
        return undefined;
      }
      return native.setAttribute.call(this, name, value);
    },
    insertBefore: insertingStyles(native.insertBefore),
    appendChild: insertingStyles(native.appendChild),
    innerHTML: {
      ...native.innerHTML,
      // Mermaid serialises its drawing through innerHTML: styles become markers first.
      get() {
        if (this.id === `d${id}` && this.ownerDocument === document) markStyles(this, styles);
        return native.innerHTML.get.call(this);
      },
    },
  };
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  Element.prototype.setAttribute = hooks.setAttribute;
  Node.prototype.insertBefore = hooks.insertBefore;
  Node.prototype.appendChild = hooks.appendChild;
  Object.defineProperty(Element.prototype, 'innerHTML', hooks.innerHTML);
  try {
    const { svg } = await draw();
    return { svg, sheet, styles };
  } finally {
    Element.prototype.setAttribute = native.setAttribute;
    Node.prototype.insertBefore = native.insertBefore;
    Node.prototype.appendChild = native.appendChild;
    Object.defineProperty(Element.prototype, 'innerHTML', native.innerHTML);
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  }
}

/** Replaces each style attribute under `root` by a marker, its CSSOM declarations kept in `styles`. */
function markStyles(root, styles) {
  for (const element of root.querySelectorAll('[style]')) {
    // What applies: a style attribute the CSP blocked (parsed from a label) has no declarations.
    const declarations = element.style.cssText;
    element.removeAttribute('style');
    if (declarations) {
      native.setAttribute.call(element, MARK, String(styles.length));
      styles.push(declarations);
    }
  }
}
