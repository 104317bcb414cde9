#!/usr/bin/env bash
# figlint lsp through Emacs's Eglot, configured by the README's snippet
# (editors/emacs/figlint.el): a broken page's diagnostics arrive in
# Flymake at their places. Installs Debian's emacs-nox and elpa-eglot when
# Emacs is missing. Called from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD

if ! command -v emacs >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "emacs-eglot-test: no emacs and no apt-get: skipped"; exit 0
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq emacs-nox elpa-eglot >/dev/null
fi
emacs --version | head -1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/figlint" ./cmd/figlint
cp -r internal/lsp/testdata/site "$work/site"
git -C "$work/site" init -q # Eglot's project, and where the configuration search stops
cd "$work/site"
PATH="$work:$PATH" FIGLINT_REPO="$repo" FIGLINT_PAGE="$work/site/_figures/PMC10031279__gr8.md" \
  timeout 120 emacs --batch -l "$repo/scripts/ci/emacs/eglot-test.el"
