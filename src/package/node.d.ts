// postview in Node: `render` ready to call (the WebAssembly loaded, raw HTML sanitized on jsdom).
import type { Rendered, RenderOptions } from './postview.js';

export type * from './postview.js';

/** Renders a post: its body as safe HTML (byte for byte the browser's), its header, front matter,
 *  metadata and diagnostics. */
export function render(source: string, options?: RenderOptions): Rendered;
