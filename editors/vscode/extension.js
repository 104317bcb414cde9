// The figlint extension: starts `figlint lsp` for Markdown files and
// leaves everything else (diagnostics, quick fixes, fix all, hovers,
// watching the genes tables and the configuration) to the server.
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('figlint');
  const serverOptions = {
    command: config.get('path', 'figlint'),
    args: ['lsp', ...config.get('args', [])],
  };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
  };
  client = new LanguageClient('figlint', 'figlint', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
