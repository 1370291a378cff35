// The raw-HTML allowlist, enforced by DOMPurify on the browser's own HTML parser.
// The tags and attributes are GitHub's allowlist for user content, plus what postview's own
// output uses (ids, classes, task-list checkboxes, lazy images); URLs are judged by postview's
// Rust URL filter (passed in as `isSafeUrl`), so there is one rule for Markdown and raw HTML.
// DOMPurify itself is imported by sanitizer.rs (so wasm-bindgen ships it) and handed in.

const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
  'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'sub', 'summary',
  'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
];

// `role` and `aria-label` are postview's own (alert boxes, footnote back-links), kept when a
// block that holds them also holds raw HTML and is sanitized whole.
const ALLOWED_ATTR = [
  'abbr', 'align', 'alt', 'aria-label', 'checked', 'cite', 'class', 'colspan', 'datetime', 'dir',
  'disabled', 'headers', 'height', 'href', 'id', 'lang', 'loading', 'open', 'referrerpolicy', 'rel',
  'reversed', 'role', 'rowspan', 'scope', 'span', 'src', 'start', 'summary', 'target', 'title', 'type',
  'valign', 'value', 'width',
];

/** Attributes that hold a URL (DOMPurify checks these too; we also apply our own rule). */
const URL_ATTRS = new Set(['href', 'src', 'cite', 'srcset', 'action', 'formaction', 'poster', 'xlink:href', 'background']);

const CONFIG = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  // http, https, mailto, or no scheme at all.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i,
  WHOLE_DOCUMENT: false,
  RETURN_TRUSTED_TYPE: false,
};

/**
 * A sanitizing function with postview's policy, on `win`'s DOM (the page's when undefined: Node
 * passes jsdom's). `isSafeUrl(url, isImage)` is postview's URL filter. Each call returns the
 * sanitized HTML as a string. Null where there is no DOM to sanitize with.
 */
export function createSanitizer(DOMPurify, win, isSafeUrl) {
  const dom = win ?? (typeof window === 'undefined' ? undefined : window);
  // Without a DOM (a worker, Node) DOMPurify would hand HTML back unsanitized: refuse instead.
  if (dom === undefined || dom === null) return null;
  const purify = DOMPurify(dom);
  if (!purify.isSupported) return null;
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (URL_ATTRS.has(data.attrName)) {
      const isImage = node.nodeName === 'IMG' && data.attrName === 'src';
      if (!isSafeUrl(data.attrValue, isImage)) data.keepAttr = false;
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href') && !node.getAttribute('href').startsWith('#')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (node.nodeName === 'A') {
      node.removeAttribute('target');
    }
    if (node.nodeName === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('referrerpolicy', 'no-referrer');
    }
    // Only task-list checkboxes, and never editable ones.
    if (node.nodeName === 'INPUT') {
      if (node.getAttribute('type') !== 'checkbox') node.remove();
      else node.setAttribute('disabled', '');
    }
  });
  return (html) => purify.sanitize(html, CONFIG);
}
