#!/usr/bin/env bash
# System libraries the build needs beyond Python: Pango for WeasyPrint, fonts to embed,
# poppler-utils (pdftoppm) for looking at PDF pages, Chromium for the browser tests. Installs only what is missing (Debian).
set -euo pipefail
need=()
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation2)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
# Browser tests drive Debian's Chromium with Playwright (no browser download).
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Please install: ${need[*]}" >&2
  fi
fi
