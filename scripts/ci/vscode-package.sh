#!/usr/bin/env bash
# The VS Code extension (editors/vscode) installs its locked dependencies
# and packages with vsce; the package must hold the extension and the
# language client. Called from .ci/run; skipped without npm.
set -euo pipefail
cd "$(dirname "$0")/../../editors/vscode"
VSCE_VERSION=4.1.0

if ! command -v npm >/dev/null 2>&1; then
  echo "vscode-package: npm not available: skipped"; exit 0
fi
out=$(mktemp -d)
cleanup="$out"
[ -d node_modules ] || cleanup="$cleanup node_modules" # a developer's own stays
trap 'rm -rf $cleanup' EXIT
npm ci --no-audit --no-fund
# No LICENSE in the extension's folder yet: --skip-license.
npx --yes "@vscode/vsce@$VSCE_VERSION" package --skip-license -o "$out/figlint.vsix" < /dev/null
unzip -l "$out/figlint.vsix" > "$out/list"
for f in extension/extension.js extension/package.json extension/node_modules/vscode-languageclient/node.js; do
  grep -q " $f\$" "$out/list" || { echo "vscode-package: $f missing from the package"; cat "$out/list"; exit 1; }
done
echo "vscode-package: ok ($(wc -c < "$out/figlint.vsix") bytes)"
