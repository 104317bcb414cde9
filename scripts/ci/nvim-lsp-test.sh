#!/usr/bin/env bash
# figlint lsp in a real editor: headless Neovim (Debian's, 0.7 or later),
# configured by the README's snippet (editors/neovim/figlint.lua), opens a
# broken page, checks figlint's diagnostics and applies a quick fix
# (scripts/ci/nvim/lsp_test.lua). Installs Neovim with apt-get when it
# is missing. Called from .ci/run.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v nvim >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "nvim-lsp-test: no nvim and no apt-get: skipped"; exit 0
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
fi
nvim --version | head -1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/figlint" ./cmd/figlint
cp -r internal/lsp/testdata/site "$work/site"
mkdir "$work/site/.git" # the configuration search stops here
page="$work/site/_figures/PMC10031279__gr8.md"

# The README's snippet is the whole configuration; figlint is on the PATH.
cd "$work/site"
PATH="$work:$PATH" timeout 120 nvim --headless -u "$OLDPWD/editors/neovim/figlint.lua" -i NONE -n \
  -c "lua _G.arg = {'$page'}" \
  -c "luafile $OLDPWD/scripts/ci/nvim/lsp_test.lua"
