// The pages' Content-Security-Policy allows no inline script, no inline style and no eval, and
// everything the previewer draws still works under it: diagrams (Mermaid's styles go in through
// the CSSOM), code, math. Every violation the browser reports, on an element or not, fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { editorOf, previewOf, useBrowser } from './browser.mjs';

const browser = useBrowser();

/** The pages with a policy of their own, under www/. */
const PAGES = ['index.html', 'examples/element/index.html', 'examples/codemirror/index.html'];

/** The directives of the policy in `html`'s CSP meta element: { name: [sources] }. */
function policyOf(html) {
  const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/);
  assert.ok(meta, 'a Content-Security-Policy meta element');
  return Object.fromEntries(meta[1].split(';').map((d) => d.trim().split(/\s+/)).filter(([n]) => n)
    .map(([name, ...sources]) => [name, sources]));
}

test("each page's policy allows only its own script and styles: no inline script or style, no eval", async () => {
  for (const page of PAGES) {
    const policy = policyOf(await readFile(new URL(`../../www/${page}`, import.meta.url), 'utf8'));
    assert.deepEqual(policy['default-src'], ["'none'"], page);
    assert.deepEqual(policy['script-src'], ["'self'", "'wasm-unsafe-eval'"], page);
    assert.deepEqual(policy['style-src'], ["'self'"], page);
    for (const [name, sources] of Object.entries(policy)) {
      for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"]) {
        assert.ok(!sources.includes(unsafe), `${page}: ${name} allows ${unsafe}`);
      }
    }
  }
});

/** An init script: every report of the page's CSP, whatever it was about, in `__cspReports`. */
function recordCspReports() {
  const reports = [];
  Object.defineProperty(window, '__cspReports', { value: reports });
  document.addEventListener('securitypolicyviolation', (event) => {
    reports.push(`${event.violatedDirective} on ${event.target?.nodeName ?? 'nothing'}: ${event.sample}`);
  });
}

/** The page's HTML as served, with inline styles allowed: what diagrams looked like before. */
async function allowInlineStyles(page) {
  await page.route((url) => url.pathname === '/', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");
    assert.match(html, /'unsafe-inline'/);
    await route.fulfill({ response, body: html });
  });
}

const DIAGRAMS = [
  '```mermaid\nflowchart LR\n  A[写稿 and a longer label] --> B{发布?}\n  B -->|是| C[预览]\n  B -->|否| D((草稿))\n'
    + '  style C fill:#f9f,stroke:#333\n  classDef hot fill:#fc0\n  class D hot\n```',
  '```mermaid\nsequenceDiagram\n  Alice->>Bob: 你好，Bob\n  Bob-->>Alice: 收到\n  Note over Alice,Bob: 一条注释\n```',
  '```mermaid\ngraph LR\n  A[写稿] -->\n```',
].join('\n\n');

/**
 * What the diagrams in the preview look like: each one's size, the computed fill and stroke of
 * its shapes, each HTML label's box against its content, the font of its texts; then the errors.
 */
function describeDiagrams(preview) {
  const styleOf = (element) => {
    const style = getComputedStyle(element);
    return `${element.localName} fill ${style.fill} stroke ${style.stroke}`;
  };
  const diagrams = [...preview.querySelectorAll('.postview-diagram')].map((host) => {
    const root = host.shadowRoot;
    const svg = root.querySelector('svg');
    return {
      viewBox: svg.getAttribute('viewBox'),
      maxWidth: getComputedStyle(svg).maxWidth,
      shapes: [...root.querySelectorAll('.node > :is(rect, polygon, circle, path), rect.actor, rect.note')].map(styleOf),
      labels: [...root.querySelectorAll('foreignObject')].map((box) => {
        const content = box.firstElementChild;
        return `${Math.round(box.getBBox().width)}×${Math.round(box.getBBox().height)} holds `
          + `${Math.round(content.scrollWidth)}×${Math.round(content.scrollHeight)}`;
      }),
      texts: [...root.querySelectorAll('text')].map((text) => `${getComputedStyle(text).fontSize} ${getComputedStyle(text).fill}`),
      // No markup-parsed style anywhere: the CSP would have blocked it.
      styleElements: root.querySelectorAll('style').length,
    };
  });
  const errors = [...preview.querySelectorAll('.postview-diagram-error')].map((error) => error.textContent);
  return { diagrams, errors };
}

async function drawDiagrams({ inlineStylesAllowed }) {
  const { page, problems, close } = await browser.open({
    initScript: recordCspReports,
    beforeGoto: inlineStylesAllowed ? allowInlineStyles : undefined,
  });
  await editorOf(page).fill(`# 图\n\n${DIAGRAMS}\n\n最后一段。\n`);
  const preview = previewOf(page);
  await page.waitForFunction(() => document.querySelectorAll('.postview-diagram, .postview-diagram-error').length === 3,
    null, { timeout: 60_000 });
  const drawn = await preview.evaluate(describeDiagrams);
  const reports = await page.evaluate(() => window.__cspReports);
  await close();
  return { drawn, reports, problems };
}

test('flowcharts and sequence diagrams look under the strict policy as with inline styles allowed, and nothing is blocked', async () => {
  const strict = await drawDiagrams({ inlineStylesAllowed: false });
  assert.deepEqual(strict.reports, []);
  assert.deepEqual(strict.problems, []);
  const [flowchart, sequence] = strict.drawn.diagrams;
  assert.equal(strict.drawn.diagrams.length, 2);
  // The theme's colours, not the black fill and missing stroke of an unstyled SVG.
  for (const shape of [...flowchart.shapes, ...sequence.shapes]) {
    assert.doesNotMatch(shape, /fill (rgb\(0, 0, 0\)|none)|stroke none/, shape);
  }
  // `style C fill:#f9f` is a style attribute Mermaid writes: set through the CSSOM.
  assert.ok(flowchart.shapes.some((shape) => shape.includes('fill rgb(255, 153, 255) stroke rgb(51, 51, 51)')), flowchart.shapes.join('\n'));
  // Labels were measured with the diagram's own fonts: each box fits its text.
  assert.ok(flowchart.labels.length >= 4);
  for (const label of flowchart.labels) {
    const [, boxWidth, boxHeight, width, height] = label.match(/(\d+)×(\d+) holds (\d+)×(\d+)/).map(Number);
    assert.ok(Math.abs(boxWidth - width) <= 1 && Math.abs(boxHeight - height) <= 1, label);
  }
  assert.deepEqual([flowchart.styleElements, sequence.styleElements], [0, 0]);
  // The broken diagram still says why.
  assert.equal(strict.drawn.errors.length, 1);
  assert.match(strict.drawn.errors[0], /^This diagram could not be drawn: Parse error on line \d+/);

  // The same diagrams where the page allows inline styles, as Mermaid draws them by itself.
  const inline = await drawDiagrams({ inlineStylesAllowed: true });
  assert.deepEqual(inline.reports, []);
  assert.deepEqual(strict.drawn, inline.drawn);
});

test('code and math are highlighted and rendered under the strict policy, nothing blocked', async () => {
  const { page, problems, close } = await browser.open({ initScript: recordCspReports });
  const post = '# 代码与公式\n\n```rust\nfn main() {}\n```\n\n'
    + '$\\colorbox{yellow}{x} + \\fbox{y} + \\textcolor{red}{z} + \\rule{1em}{2pt}$\n\n'
    + '$$\\begin{aligned} a &= b \\\\ c &= \\cancel{d} \\end{aligned}$$\n\n最后一段。\n';
  await editorOf(page).fill(post);
  const preview = previewOf(page);
  await preview.locator('.hljs-keyword').first().waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.postview-body .math math').length === 2);
  assert.equal(await preview.locator('.postview-math-error').count(), 0);
  // \colorbox's background is a style Temml sets through the CSSOM: it applies.
  const backgrounds = await preview.locator('.math-inline math *').evaluateAll((elements) =>
    elements.map((element) => getComputedStyle(element).backgroundColor));
  assert.ok(backgrounds.includes('rgb(255, 255, 0)'), backgrounds.join(' '));
  assert.deepEqual(await page.evaluate(() => window.__cspReports), []);
  assert.deepEqual(problems, []);
  await close();
});

test("an author's event handlers and style attributes in raw HTML are removed without a report", async () => {
  const { page, problems, close } = await browser.open({ initScript: recordCspReports });
  const post = '# 原始 HTML\n\n'
    + '<p onclick="alert(1)" style="color: red" title=\'" onmouseover="x\'>段落 <b ONCLICK=go>粗体</b></p>\n\n'
    + '行内 <img src="https://img.example/a.png" onerror="alert(2)" alt="图"> 与 <span style=color:red>文字</span>。\n\n'
    + '<style>p { color: red }</style>\n\n<svg><a onload="alert(3)"></a></svg>\n\n<textarea><b onclick=x>原样</b></textarea>\n\n结尾。\n';
  await editorOf(page).fill(post);
  const preview = previewOf(page);
  await preview.getByText('结尾。').waitFor();
  const paragraph = preview.locator('.postview-body p[title]');
  // The title's quoted text looked like an attribute: it stays the title's.
  assert.equal(await paragraph.getAttribute('title'), '" onmouseover="x');
  assert.equal(await preview.locator('.postview-body b').textContent(), '粗体');
  assert.equal(await preview.locator('.postview-body img[alt="图"]').count(), 1);
  // A textarea's content is text: its lookalike tag is shown as it was written.
  assert.ok((await preview.textContent()).includes('<b onclick=x>原样</b>'));
  const handlers = await preview.evaluate((root) => [...root.querySelectorAll('*')]
    .flatMap((element) => [...element.attributes].map((a) => a.name))
    .filter((name) => name.startsWith('on') || name === 'style'));
  assert.deepEqual(handlers, []);
  assert.deepEqual(await page.evaluate(() => window.__cspReports), []);
  assert.deepEqual(problems, []);
  await close();
});
