//! The live previewer in the browser (web-sys + gloo, wasm32 only): listens to an editor,
//! renders on the next animation frame and patches the preview.

mod caret;
pub mod crash;
mod diagnostics_list;
mod image_fallback;
mod patch;
mod previewer;
mod sanitized_blocks;
mod sanitizer;
mod scroll_sync;

pub use previewer::Previewer;
pub use sanitized_blocks::SanitizedBlocks;
pub use sanitizer::{with_sanitizer, DomPurify};
