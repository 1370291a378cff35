//! The live previewer in the browser (web-sys, wasm32 only): listens to an editor,
//! renders on the next animation frame and patches the preview; keeps a draft of the editor's
//! text and opens and saves files when asked.

mod caret;
pub mod crash;
mod diagnostics_list;
mod draft;
mod draft_store;
mod editor;
mod enhance;
mod events;
mod extras;
mod files;
pub mod formats;
pub mod guard;
mod image_fallback;
mod in_page_links;
mod later;
mod notices;
mod patch;
mod previewer;
mod reading_stats;
mod sanitized_blocks;
mod sanitizer;
mod scroll_sync;
mod textarea_text;
mod toc_panel;
mod undo_open;

pub use draft::DraftOptions;
pub use editor::Editor;
pub use enhance::{enhance_inserted, is_element};
pub use events::ErrorKind;
pub use extras::{Extras, ExtrasOptions};
pub use files::{file_name, FileControls};
pub use previewer::Previewer;
pub use sanitized_blocks::SanitizedBlocks;
pub use sanitizer::{sanitize_on, trap_while_in_use, with_sanitizer, DomPurify};
