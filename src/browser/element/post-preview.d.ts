// Types of <post-preview> (post-preview.js): importing the module defines the element.
import type { RenderOptions, Rendered } from './postview.js';

/** postview's live preview of a Markdown post, in a shadow root. */
export declare class PostPreview extends HTMLElement {
  /** The text previewed: the slotted `<textarea>`'s, else the `source` attribute's. Setting it
   *  sets the attribute; with a slotted textarea, it replaces the textarea's text. */
  source: string;
  /** The `theme` attribute: `light`, `dark`, or `auto` (the default: the system's setting). */
  theme: 'light' | 'dark' | 'auto';
  /** How to render (`flavor`, `rawHtml`, `cjkFriendlyEmphasis`); setting them renders again. */
  options: RenderOptions;
  /** The latest render, as `render()` returns it; undefined before the first. */
  readonly rendered: Rendered | undefined;
  addEventListener<K extends keyof PostPreviewEventMap>(
    type: K,
    listener: (this: PostPreview, event: PostPreviewEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PostPreviewEventMap>(
    type: K,
    listener: (this: PostPreview, event: PostPreviewEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** The events a `<post-preview>` fires (bubbling, composed); `detail` is postview's. */
export interface PostPreviewEventMap extends HTMLElementEventMap {
  /** postview crashed; the element mounts again by itself, keeping its text. `detail` is the message. */
  'postview:crash': CustomEvent<string>;
}

declare global {
  interface HTMLElementTagNameMap {
    'post-preview': PostPreview;
  }
}
