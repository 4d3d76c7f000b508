#!/usr/bin/env bash
# System packages beyond Python, installed only when missing (Debian/Ubuntu, as root).
#   bash scripts/system-deps.sh          what the build needs: Pango for WeasyPrint, the fonts
#                                        the print CSS names, fontconfig's fc-match (the PDF
#                                        cache keys on the font files it resolves)
#   bash scripts/system-deps.sh --test   also what the tests need: poppler-utils (pdftoppm),
#                                        Chromium for the browser tests, Node.js for the
#                                        calculator and search tests, Hunspell with the
#                                        Danish dictionary for the spelling check (the build
#                                        itself never spells; `check --spelling` is a test),
#                                        zbar-tools (zbarimg) for the QR test
set -euo pipefail
with_tests=0
for arg in "$@"; do
  case "$arg" in
    --test) with_tests=1 ;;
    *) echo "usage: $0 [--test]" >&2; exit 2 ;;
  esac
done
need=()
ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v fc-match >/dev/null || need+=(fontconfig)
fc-list 2>/dev/null | grep -qi "DejaVu Sans" || need+=(fonts-dejavu-core)
fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation2)
if [ "$with_tests" = 1 ]; then
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
  # Browser tests drive Debian's Chromium with Playwright (no browser download).
  command -v chromium >/dev/null || need+=(chromium)
  command -v node >/dev/null || need+=(nodejs)
  command -v hunspell >/dev/null || need+=(hunspell)
  [ -f /usr/share/hunspell/da_DK.dic ] || need+=(hunspell-da)
  # The deck test decodes the printed QR codes with zbarimg.
  command -v zbarimg >/dev/null || need+=(zbar-tools)
fi
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Please install: ${need[*]}" >&2
  fi
fi
