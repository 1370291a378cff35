// A TypeScript consumer of the package, checked by `tsc --noEmit --strict` (package.test.mjs):
// it uses every option and every field of the result, so a type that went missing, turned `any` or
// changed shape fails the check; the `@ts-expect-error` lines fail it if the types accept mistakes.
import init, {
  enhance,
  loadFormats,
  mount,
  render,
  type Block,
  type Diagnostic,
  type DraftOptions,
  type EditorAdapter,
  type EditorReport,
  type LoadFormatsOptions,
  type Excerpt,
  type ExcerptSource,
  type FileControls,
  type Flavor,
  type FrontMatter,
  type FrontMatterFormat,
  type MountOptions,
  type MountParts,
  type OpenEventDetail,
  type PostDate,
  type PostMeta,
  type PostviewErrorDetail,
  type RawHtml,
  type Rendered,
  type RenderEventDetail,
  type RenderOptions,
  type RenderTimings,
  type Severity,
  type SourceRange,
  type Stats,
  type TextChange,
  type TocEntry,
  type Value,
} from 'postview';
import { render as renderInNode } from 'postview/node';
import type { PostPreview } from 'postview/post-preview';

// Every field of every type, listed: a field added to a type fails the check until this file
// uses it (below) and lists it here.
type Fields<T> = Record<keyof T, true>;
export const everyField: {
  rendered: Fields<Rendered>;
  block: Fields<Block>;
  frontMatter: Fields<FrontMatter>;
  range: Fields<SourceRange>;
  meta: Fields<PostMeta>;
  date: Fields<PostDate>;
  excerpt: Fields<Excerpt>;
  diagnostic: Fields<Diagnostic>;
  stats: Fields<Stats>;
  toc: Fields<TocEntry>;
  renderOptions: Fields<RenderOptions>;
  mountOptions: Fields<MountOptions>;
  draft: Fields<DraftOptions>;
  files: Fields<FileControls>;
  parts: Fields<MountParts>;
  adapter: Fields<EditorAdapter>;
  renderEvent: Fields<RenderEventDetail>;
  timings: Fields<RenderTimings>;
  errorEvent: Fields<PostviewErrorDetail>;
  openEvent: Fields<OpenEventDetail>;
  textChange: Fields<TextChange>;
} = {
  rendered: { html: true, blocks: true, headerHtml: true, frontMatter: true, meta: true, excerpt: true, diagnostics: true, stats: true, toc: true },
  block: { html: true, key: true, startLine: true, endLine: true },
  frontMatter: { format: true, raw: true, range: true, startLine: true, endLine: true, closed: true, data: true },
  range: { start: true, end: true },
  meta: {
    title: true,
    date: true,
    updated: true,
    tags: true,
    categories: true,
    draft: true,
    description: true,
    excerpt: true,
    cover: true,
    slug: true,
    extra: true,
  },
  date: { text: true, iso: true },
  excerpt: { html: true, source: true },
  diagnostic: { severity: true, message: true, line: true, column: true },
  stats: { words: true, cjkCharacters: true, readingMinutes: true },
  toc: { level: true, id: true, text: true, line: true },
  renderOptions: { flavor: true, rawHtml: true, cjkFriendlyEmphasis: true },
  mountOptions: { flavor: true, rawHtml: true, cjkFriendlyEmphasis: true, draft: true, files: true, status: true, alert: true, toc: true },
  draft: { key: true, restore: true },
  files: { open: true, input: true, save: true, drop: true },
  parts: { editor: true, preview: true, options: true },
  adapter: { text: true, topLine: true, scrollToLine: true, listen: true, textReadyOnChange: true, caretLine: true, setText: true, setCaret: true },
  renderEvent: { meta: true, frontMatterFormat: true, diagnostics: true, stats: true, timings: true },
  timings: { renderMs: true, patchMs: true, frames: true },
  errorEvent: { kind: true, message: true },
  openEvent: { name: true, text: true },
  textChange: { from: true, to: true, insert: true },
};

// Each union spelled out whole: a member added to or removed from a type fails the check.
const flavors: Record<Flavor, string> = { post: 'post', commonmark: 'CommonMark' };
const policies: Record<RawHtml, string> = { sanitize: 'sanitized', escape: 'escaped', trust: 'trusted' };
const formats: Record<FrontMatterFormat, string> = {
  yaml: 'YAML',
  hexoYaml: "Hexo's YAML",
  toml: 'TOML',
  json: 'JSON',
  hexoJson: "Hexo's JSON",
  unknown: 'not read',
};
const severities: Record<Severity, string> = { error: 'error', warning: 'warning' };
const excerptSources: Record<ExcerptSource, string> = {
  frontMatter: 'front matter',
  moreMarker: '<!-- more -->',
  description: 'description',
};

function describeValue(value: Value): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'string':
      return String(value);
    default:
      return Object.entries(value).map(([key, inner]) => `${key}: ${describeValue(inner)}`).join('; ');
  }
}

function describeRange(range: SourceRange): number {
  return range.end - range.start;
}

function describeDate(date: PostDate | undefined): string {
  return date === undefined ? '' : `${date.text} ${date.iso ?? '(not a date)'}`;
}

function describeFrontMatter(frontMatter: FrontMatter | undefined): string {
  if (frontMatter === undefined) return 'none';
  const lines: number = frontMatter.endLine - frontMatter.startLine;
  const closed: boolean = frontMatter.closed;
  const raw: string = frontMatter.raw;
  return `${formats[frontMatter.format]} ${raw} ${describeRange(frontMatter.range)} ${lines} ${closed} ${describeValue(frontMatter.data)}`;
}

function describeMeta(meta: PostMeta): string {
  const title: string | undefined = meta.title;
  const tags: string[] = meta.tags;
  const categories: string[] = meta.categories;
  const draft: boolean = meta.draft;
  const texts: (string | undefined)[] = [meta.description, meta.excerpt, meta.cover, meta.slug];
  const extra: Record<string, Value> = meta.extra;
  return [
    title,
    describeDate(meta.date),
    describeDate(meta.updated),
    tags.join(),
    categories.join(),
    draft,
    texts.join(),
    Object.values(extra).map(describeValue).join(),
  ].join('\n');
}

function describeExcerpt(excerpt: Excerpt | undefined): string {
  return excerpt === undefined ? '' : `${excerptSources[excerpt.source]}: ${excerpt.html}`;
}

function describeBlock(block: Block): string {
  const key: number = block.key;
  return `${key} ${block.startLine}-${block.endLine} ${block.html}`;
}

function describeDiagnostic(diagnostic: Diagnostic): string {
  const line: number = diagnostic.line;
  const column: number = diagnostic.column;
  return `${severities[diagnostic.severity]} at ${line}:${column}: ${diagnostic.message}`;
}

function describeStats(stats: Stats): string {
  const counts: number[] = [stats.words, stats.cjkCharacters, stats.readingMinutes];
  return counts.join();
}

function describeToc(entry: TocEntry): string {
  const level: number = entry.level;
  return `${level} #${entry.id} ${entry.text} (line ${entry.line})`;
}

/** Every field of a result. */
export function describe(rendered: Rendered): string {
  const html: string = rendered.html;
  const headerHtml: string = rendered.headerHtml;
  return [
    html,
    headerHtml,
    rendered.blocks.map(describeBlock).join(),
    describeFrontMatter(rendered.frontMatter),
    describeMeta(rendered.meta),
    describeExcerpt(rendered.excerpt),
    rendered.diagnostics.map(describeDiagnostic).join(),
    describeStats(rendered.stats),
    rendered.toc.map(describeToc).join(),
  ].join('\n');
}

/** Every render option. */
export const renderOptions: Required<RenderOptions> = {
  flavor: 'post',
  rawHtml: 'sanitize',
  cjkFriendlyEmphasis: true,
};

export async function renderInBrowser(source: string): Promise<string> {
  await init();
  const formats: Required<LoadFormatsOptions> = { toml: new URL('https://cdn.example/postview_toml_bg.wasm') };
  await loadFormats(formats);
  await loadFormats();
  const options: RenderOptions = { ...renderOptions, rawHtml: 'escape' };
  return [flavors[renderOptions.flavor], policies[renderOptions.rawHtml], describe(render(source, options))].join();
}

export function renderOnServer(source: string): string {
  return describe(renderInNode(source, { flavor: 'commonmark', cjkFriendlyEmphasis: false }));
}

/** Every mount option, and every method of the previewer. */
export function mountEverything(editor: HTMLTextAreaElement, preview: HTMLElement, input: HTMLInputElement): string {
  const draft: DraftOptions = { key: 'my-cms:post-42', restore: false };
  const files: FileControls = { open: preview, input, save: preview, drop: preview };
  const options: Required<MountOptions> = { ...renderOptions, draft, files, status: preview, alert: preview, toc: preview };
  const previewer = mount(editor, preview, options);
  // A long file's text goes elsewhere (the event is typed on the textarea).
  editor.addEventListener('postview:open', (event) => {
    const detail: OpenEventDetail = event.detail;
    if (detail.text.length > 100_000) event.preventDefault();
    console.info(`opening ${detail.name}`);
  });
  mount(editor, preview, { draft: true });
  previewer.update('# New text');
  const latest: Rendered | undefined = previewer.rendered();
  previewer.destroy();
  return latest === undefined ? '' : describe(latest);
}

/** An editor that is not a textarea, with every method an adapter has, in the object form of mount. */
export function mountAdapter(preview: HTMLElement): string {
  let text = '# Hello';
  let caret = { line: 1, column: 1 };
  const reports: Record<EditorReport, number> = { change: 0, caret: 0, scroll: 0 };
  const editor: EditorAdapter = {
    text: () => text,
    topLine: () => 1.5,
    scrollToLine: (line: number) => void (caret = { ...caret, line }),
    listen: (notify: (what: EditorReport, change?: TextChange) => void) => {
      notify('change');
      const edit: TextChange = { from: 2, to: 7, insert: 'World' };
      text = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
      notify('change', edit);
      return () => void (reports.change += 1);
    },
    textReadyOnChange: true,
    caretLine: () => caret.line,
    setText: (next: string) => void (text = next),
    setCaret: (line: number, column: number) => void (caret = { line, column }),
  };
  const parts: Required<MountParts> = { editor, preview, options: { rawHtml: 'escape' } };
  const previewer = mount(parts);
  const described: string[] = [];
  preview.addEventListener('postview:render', (event) => {
    const detail: RenderEventDetail = event.detail;
    const timings: RenderTimings = detail.timings;
    const format = detail.frontMatterFormat;
    described.push(
      `${detail.meta.title} ${format === undefined ? 'none' : formats[format]} ${detail.diagnostics.map(describeDiagnostic).join()}`,
      `${describeStats(detail.stats)} ${timings.renderMs + timings.patchMs} ms over ${timings.frames} frames`,
    );
  });
  preview.addEventListener('postview:error', (event) => {
    const detail: PostviewErrorDetail = event.detail;
    const kinds: Record<PostviewErrorDetail['kind'], string> = { input: 'input', editor: 'editor', preview: 'preview', crash: 'crash' };
    described.push(`${kinds[detail.kind]}: ${detail.message}`);
  });
  enhance(preview);
  previewer.destroy();
  return described.join('\n');
}

/** Every property and event of the <post-preview> element. */
export function configureElement(): string {
  const element: PostPreview = document.createElement('post-preview');
  element.source = '# Hello';
  element.theme = 'dark';
  element.options = renderOptions;
  element.addEventListener('postview:crash', (event) => console.warn(event.detail.toUpperCase()));
  return element.rendered?.html ?? '';
}

// The types must refuse mistakes, or this file could not fail.
// @ts-expect-error: loadFormats knows no YAML option (YAML is always in)
loadFormats({ yaml: 'x.wasm' });
// @ts-expect-error: a theme the element does not have
document.createElement('post-preview').theme = 'sepia';
// @ts-expect-error: a misspelled option (`rawHtml`)
render('# x', { rawHTML: 'sanitize' });
// @ts-expect-error: a policy that does not exist
render('# x', { rawHtml: 'strip' });
// @ts-expect-error: a field the result does not have
render('# x').htm;
// @ts-expect-error: postview/node's render checks its options too
renderInNode('# x', { flavour: 'post' });
// @ts-expect-error: the editor must be a textarea or an adapter
mount(document.createElement('div'), document.body);
// @ts-expect-error: an adapter must say where its editor is scrolled
mount({ editor: { text: () => '', scrollToLine: () => {}, listen: () => () => {} }, preview: document.body });
