# postview: `make serve` to use it, `make test` to check it. Both install what is missing first.

PORT ?= 8080
PKG := www/pkg
WASM := $(PKG)/postview_bg.wasm
TOML_PKG := $(PKG)/lazy/toml
TOML_WASM := $(TOML_PKG)/postview_toml_bg.wasm
# Minifies each JavaScript file in place, one at a time (no bundling: imports stay as they are);
# /*! license */ comments are kept.
MINIFY_JS := sh -c 'for file in "$$@"; do node_modules/.bin/esbuild "$$file" --minify --outfile="$$file" \
	--allow-overwrite --log-level=warning --log-override:duplicate-object-key=silent || exit 1; done' minify
# wasm-bindgen's glue with the snippets it imports (src/browser/*.js, and npm's DOMPurify, whose
# ES module is not minified: 21.5 KB gzipped as shipped) bundled into one minified postview.js,
# license comments kept: unbundled, a page finds the snippets only once it has parsed the glue, a
# second round trip before the module can start. (The glue names one snippet module several
# times in its imports object, always the same module.)
BUNDLE_GLUE := node_modules/.bin/esbuild $(PKG)/postview.js --bundle --format=esm --minify \
	--outfile=$(PKG)/postview.js --allow-overwrite --log-level=warning \
	--log-override:duplicate-object-key=silent && rm -r $(PKG)/snippets
WASM_OPT := node_modules/.bin/wasm-opt
# pulldown-cmark alone (crates/bare-pulldown-cmark), built and optimised as postview is, for the
# bench's throughput rows: the floor under postview's figures.
BARE_PKG := target/bench/bare
# The features rustc's wasm32 target emits by default; wasm-opt must accept them all.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: serve test build setup setup-test lint test-native test-wasm test-e2e test-package bench fuzz clean

serve: build
	@echo "postview on http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory www

test: setup-test lint test-native build test-wasm test-e2e test-package

setup:
	.ci/setup build

setup-test:
	.ci/setup test

# The release build the page loads, without the TOML parser (its `toml` feature off), shrunk by
# wasm-opt 132 from npm (Debian's 108 corrupts it); then the lazy parts bundled after it
# (wasm-pack empties pkg/): the highlighter, math and diagrams, and the TOML parser
# (crates/postview-toml) as a second wasm module, fetched the first time a post has TOML; then the
# examples' bundles, the <post-preview> element with the preview's stylesheet (the page's too), and
# the package.json that makes www/pkg an npm package.
build: setup
	wasm-pack build --release --target web --out-dir $(PKG) -- --no-default-features
	$(WASM_OPT) -Oz $(WASM_FEATURES) $(WASM) -o $(WASM)
	$(BUNDLE_GLUE)
	@printf 'www/pkg: wasm %s bytes, %s gzipped; postview.js %s gzipped\n' \
		"$$(wc -c < $(WASM))" "$$(gzip -9c $(WASM) | wc -c)" "$$(gzip -9c $(PKG)/postview.js | wc -c)"
	node src/browser/lazy/build.mjs $(PKG)/lazy
	cargo build --release --target wasm32-unknown-unknown -p postview-toml
	wasm-bindgen --target web --no-typescript --out-dir $(TOML_PKG) target/wasm32-unknown-unknown/release/postview_toml.wasm
	$(WASM_OPT) -Oz $(WASM_FEATURES) $(TOML_WASM) -o $(TOML_WASM)
	$(MINIFY_JS) $(TOML_PKG)/postview_toml.js
	@printf '%s: wasm %s bytes, %s gzipped (lazy: not in the first download)\n' \
		"$(TOML_PKG)" "$$(wc -c < $(TOML_WASM))" "$$(gzip -9c $(TOML_WASM) | wc -c)"
	node www/examples/build.mjs
	cp src/browser/element/post-preview.js src/browser/element/post-preview.d.ts src/browser/element/preview.css $(PKG)/
	node src/package/finish.mjs $(PKG)

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --workspace --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --lib --no-default-features -- -D warnings

test-native:
	cargo test --workspace

# wasm-pack test --headless --chrome, with the failing tests' reports repeated at the end.
test-wasm:
	.ci/test-wasm embedding patch web

# Against the same optimised build `make serve` serves.
test-e2e:
	node --test tests/e2e/

# The npm package as a user gets it: packed, installed offline into a scratch project, rendering
# in Node as in Chromium, its types checked by tsc.
test-package:
	node --test tests/package/

# Figures, not pass/fail (a missed target prints MISSED): native throughput on hostile inputs
# and on the benchmark posts, then one table of postview against its peers in headless Chromium.
bench: setup-test build
	cargo bench --bench hostile
	cargo bench --bench throughput
	cargo build --release --target wasm32-unknown-unknown -p bare-pulldown-cmark
	wasm-bindgen --target web --no-typescript --out-dir $(BARE_PKG) target/wasm32-unknown-unknown/release/bare_pulldown_cmark.wasm
	$(WASM_OPT) -Oz $(WASM_FEATURES) $(BARE_PKG)/bare_pulldown_cmark_bg.wasm -o $(BARE_PKG)/bare_pulldown_cmark_bg.wasm
	node benches/browser/run.mjs

# A cargo-fuzz target for FUZZ_SECONDS (nightly Rust, cargo-fuzz): FUZZ_TARGET=render (the whole
# render path) or FUZZ_TARGET=edits (incremental rendering after edit scripts against a fresh
# render; it also starts from render's corpus, whose posts are its first texts). Both corpora are
# seeded from tests/fixtures/ first (fuzz/seed.mjs).
FUZZ_SECONDS ?= 1800
FUZZ_TARGET ?= render
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	node fuzz/seed.mjs
	cd fuzz && cargo +nightly fuzz run $(FUZZ_TARGET) corpus/$(FUZZ_TARGET) $(if $(filter-out render,$(FUZZ_TARGET)),corpus/render) -- \
		-max_total_time=$(FUZZ_SECONDS) -timeout=10 -max_len=65536 -rss_limit_mb=4096 -print_final_stats=1

clean:
	cargo clean
	rm -rf $(PKG)
