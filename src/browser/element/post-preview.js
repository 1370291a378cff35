// <post-preview>: postview's live preview as a custom element, in a shadow root with its own
// stylesheet (preview.css, the one the page uses too). Thin on purpose: the source goes to
// postview's `mount` (on the slotted <textarea>, or on a textarea of its own that is never shown),
// and everything else (rendering, patching, sanitizing, enhancing, crash notices) is postview's.
import init, { mount } from './postview.js';

const STYLESHEET = new URL('./preview.css', import.meta.url).href;
/** postview's events, sent again from the host when they do not cross the shadow root already. */
const FORWARDED = ['postview:crash', 'postview:render', 'postview:error'];
const DEFAULT_LABEL = 'Preview';

export class PostPreview extends HTMLElement {
  static observedAttributes = ['source', 'label'];

  #preview;
  #editorPart;
  #slot;
  /** The editor when no <textarea> is slotted: never in the page, it only holds `source`. */
  #ownEditor = document.createElement('textarea');
  #options = {};
  #previewer = null;
  /** The editor the previewer is mounted on. */
  #mountedOn = null;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    const stylesheet = document.createElement('link');
    stylesheet.rel = 'stylesheet';
    stylesheet.href = STYLESHEET;
    const frame = document.createElement('div');
    frame.className = 'postview-element';
    this.#editorPart = document.createElement('div');
    this.#editorPart.className = 'postview-element-editor';
    this.#editorPart.part = 'editor';
    this.#editorPart.hidden = true;
    this.#slot = document.createElement('slot');
    this.#editorPart.append(this.#slot);
    this.#preview = document.createElement('div');
    this.#preview.className = 'postview-element-preview';
    this.#preview.part = 'preview';
    this.#preview.setAttribute('role', 'region');
    this.#preview.setAttribute('aria-label', DEFAULT_LABEL);
    frame.append(this.#editorPart, this.#preview);
    shadow.append(stylesheet, frame);

    this.#slot.addEventListener('slotchange', () => {
      if (this.#previewer && this.#editor() !== this.#mountedOn) this.#mount();
    });
    for (const name of FORWARDED) {
      this.#preview.addEventListener(name, (event) => {
        if (!event.composed) {
          this.dispatchEvent(new CustomEvent(name, { detail: event.detail, bubbles: true, composed: true }));
        }
      });
    }
    // postview crashed: its instance (and so this previewer) is gone; the text is in the editor.
    this.#preview.addEventListener('postview:crash', () => {
      this.#previewer = null;
      setTimeout(() => this.isConnected && this.#mount());
    });
  }

  connectedCallback() {
    // A property set before the element was defined shadows the accessor: hand it over.
    for (const name of ['source', 'theme', 'options']) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    init().then(() => this.isConnected && !this.#previewer && this.#mount());
  }

  disconnectedCallback() {
    this.#unmount();
  }

  attributeChangedCallback(name, _old, value) {
    if (name === 'label') {
      this.#preview.setAttribute('aria-label', value || DEFAULT_LABEL);
    } else if (name === 'source') {
      this.#ownEditor.value = value ?? '';
      // Removing the attribute empties the element's own editor, never a slotted textarea.
      if (this.#previewer && (value !== null || this.#mountedOn === this.#ownEditor)) this.#previewer.update(value ?? '');
    }
  }

  /** The text previewed: the slotted textarea's, else the `source` attribute's. */
  get source() {
    return this.#editor() === this.#ownEditor ? (this.getAttribute('source') ?? '') : this.#editor().value;
  }

  /** Sets the `source` attribute; with a slotted textarea, replaces its text (as `update()` does). */
  set source(text) {
    this.setAttribute('source', String(text));
  }

  /** `light`, `dark` or `auto` (the default: the reader's system setting); the `theme` attribute. */
  get theme() {
    return this.getAttribute('theme') ?? 'auto';
  }

  set theme(theme) {
    this.setAttribute('theme', String(theme));
  }

  /** `mount`'s render options (`flavor`, `rawHtml`, `cjkFriendlyEmphasis`); setting them renders again. */
  get options() {
    return { ...this.#options };
  }

  set options(options) {
    this.#options = { ...options };
    if (this.#previewer) this.#mount();
  }

  /** The latest render, as postview's `render()` returns it (undefined before the first). */
  get rendered() {
    return this.#previewer?.rendered();
  }

  /** The slotted <textarea>, or the element's own. */
  #editor() {
    return this.#slot.assignedElements().find((element) => element instanceof HTMLTextAreaElement) ?? this.#ownEditor;
  }

  #mount() {
    this.#unmount();
    const editor = this.#editor();
    this.#editorPart.hidden = editor === this.#ownEditor;
    this.#previewer = mount(editor, this.#preview, this.#options);
    this.#mountedOn = editor;
  }

  #unmount() {
    this.#previewer?.destroy();
    this.#previewer = null;
    this.#mountedOn = null;
  }
}

if (!customElements.get('post-preview')) customElements.define('post-preview', PostPreview);
