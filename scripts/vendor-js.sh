#!/usr/bin/env bash
# Vendor the pinned JavaScript files the project ships, from the npm registry:
#   axe-core       → tests/vendor/axe-core/axe.min.js   accessibility rules for tests/test_a11y.py
#   iframe-worker  → docs/javascripts/vendor/iframe-worker/shim.js
#                    lets Material's search worker run from file:// in the offline bundle
#   js-yaml        → docs/javascripts/vendor/js-yaml/js-yaml.min.js
#                    the planner reads a plan file (.yml) with it ("Åbn planfil")
#   pdf-lib        → docs/javascripts/vendor/pdf-lib/pdf-lib.min.js
#                    the planner merges the build's PDFs into one ("Hent materialer (PDF)")
# Neither the build nor the tests need Node or network: the files are committed. To move to
# another version, change it here, run `bash scripts/vendor-js.sh` (needs npm) and update
# AXE_VERSION / AXE_SHA256 in tests/test_a11y.py and the planner's pins in
# tests/test_planner_core.py (VENDORED) with the values it prints.
set -euo pipefail
AXE_VERSION=4.14.1
IFRAME_WORKER_VERSION=1.0.4
JS_YAML_VERSION=4.1.0
PDF_LIB_VERSION=1.17.1
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
unpack() {  # npm pack checks each tarball against the registry's integrity hash
  mkdir -p "$tmp/$1"
  (cd "$tmp/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

unpack axe-core "$AXE_VERSION"
pkg="$tmp/axe-core/package"
# axe-core records each release's file hash (Subresource Integrity); check the file against it.
expected="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]]['axe.min.js'])" \
  "$pkg/sri-history.json" "$AXE_VERSION")"
actual="sha256-$(openssl dgst -sha256 -binary "$pkg/axe.min.js" | base64)"
[ "$expected" = "$actual" ] || { echo "axe.min.js: $actual, expected $expected" >&2; exit 1; }
mkdir -p tests/vendor/axe-core
cp "$pkg/axe.min.js" "$pkg/LICENSE" "$pkg/LICENSE-3RD-PARTY.txt" tests/vendor/axe-core/

unpack iframe-worker "$IFRAME_WORKER_VERSION"
pkg="$tmp/iframe-worker/package"
mkdir -p docs/javascripts/vendor/iframe-worker
cp "$pkg/shim/index.js" docs/javascripts/vendor/iframe-worker/shim.js
cp "$pkg/LICENSE" docs/javascripts/vendor/iframe-worker/LICENSE

unpack js-yaml "$JS_YAML_VERSION"
pkg="$tmp/js-yaml/package"
mkdir -p docs/javascripts/vendor/js-yaml
cp "$pkg/dist/js-yaml.min.js" docs/javascripts/vendor/js-yaml/js-yaml.min.js
cp "$pkg/LICENSE" docs/javascripts/vendor/js-yaml/LICENSE

unpack pdf-lib "$PDF_LIB_VERSION"
pkg="$tmp/pdf-lib/package"
mkdir -p docs/javascripts/vendor/pdf-lib
cp "$pkg/dist/pdf-lib.min.js" docs/javascripts/vendor/pdf-lib/pdf-lib.min.js
cp "$pkg/LICENSE.md" docs/javascripts/vendor/pdf-lib/LICENSE  # not .md: MkDocs would make it a page

echo "AXE_VERSION = \"$AXE_VERSION\""
echo "AXE_SHA256 = \"$(sha256sum tests/vendor/axe-core/axe.min.js | cut -d' ' -f1)\""
for f in docs/javascripts/vendor/js-yaml/js-yaml.min.js docs/javascripts/vendor/pdf-lib/pdf-lib.min.js; do
  echo "$f $(sha256sum "$f" | cut -d' ' -f1)"
done
