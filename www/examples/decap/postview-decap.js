// A Decap CMS preview template that shows a post as postview renders it: the header from the
// entry's front matter fields (title, date, tags, categories and the rest), the body field as
// postview's HTML, and postview's diagnostics above them. About what a CMS's own code would be:
// postview's render() for the HTML and metadata, enhance() for code, math and diagrams.

/**
 * The post postview is given: the entry's fields other than the body as YAML front matter, then
 * the body. The fields are written as one JSON object (JSON is YAML, and JSON.stringify quotes
 * and escapes every value, so no value can close the `---` fence or start another key). Fields
 * left empty (an optional field never filled in) are left out rather than shown empty.
 */
export function postSource(data, bodyField = 'body') {
  const fields = {};
  for (const [key, value] of Object.entries(data)) {
    if (key !== bodyField && value !== undefined && value !== null && value !== '') fields[key] = value;
  }
  const body = typeof data[bodyField] === 'string' ? data[bodyField] : '';
  return `---\n${JSON.stringify(fields, null, 2)}\n---\n\n${body}`;
}

/** Where a diagnostic is, said for the CMS's fields: a field of the front matter, or a body line. */
function place(diagnostic, frontMatter) {
  const bodyStart = frontMatter ? frontMatter.endLine + 2 : 1;
  if (diagnostic.line < bodyStart) return 'Front matter';
  return `Body, line ${diagnostic.line - bodyStart + 1}`;
}

/**
 * Makes the preview component: `react` is the React Decap renders with (createElement, useEffect,
 * useMemo, useRef), `postview` the initialised module (render, enhance), `options` postview's render
 * options. Register it with `CMS.registerPreviewTemplate(collection, component)`.
 */
export function postviewPreview(react, postview, { bodyField = 'body', options = {} } = {}) {
  const { createElement: h, useEffect, useMemo, useRef } = react;

  return function PostviewPreview({ entry }) {
    const data = entry.get('data');
    const source = postSource(data?.toJS?.() ?? {}, bodyField);
    const result = useMemo(() => {
      try {
        return { rendered: postview.render(source, options) };
      } catch (error) {
        // A bug in postview (its instance is replaced: the next edit renders again).
        return { failure: String(error?.message ?? error) };
      }
    }, [source]);
    const body = useRef(null);

    // Code labels, Copy code, highlighting, math and diagrams for the HTML just put in: enhance()
    // works on an element of the preview's iframe and does only what is new.
    useEffect(() => {
      if (body.current) postview.enhance(body.current);
    }, [result]);

    if (result.failure) {
      return h('p', { className: 'postview-crash', role: 'alert' }, `The preview failed: ${result.failure}`);
    }
    const { rendered } = result;
    const problems = rendered.diagnostics.map((diagnostic, index) =>
      h(
        'li',
        { key: index, className: `diagnostic diagnostic-${diagnostic.severity}` },
        `${place(diagnostic, rendered.frontMatter)}: ${diagnostic.severity}: ${diagnostic.message}`,
      ),
    );
    // postview's HTML is safe to insert (its Safety section): every value escaped, raw HTML
    // sanitized, URLs filtered. React puts it in only when it changed.
    return h(
      'div',
      { className: 'postview-decap' },
      h('ul', { className: 'postview-diagnostics', 'aria-label': 'Problems', hidden: problems.length === 0 }, problems),
      h(
        'article',
        { className: 'postview-post' },
        h('div', { className: 'postview-header', dangerouslySetInnerHTML: { __html: rendered.headerHtml } }),
        h('div', { ref: body, className: 'postview-body', dangerouslySetInnerHTML: { __html: rendered.html } }),
      ),
    );
  };
}
