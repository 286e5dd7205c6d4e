// Entry point of the bundled language server (dist/server.js). The transport comes from the
// command line: --stdio, --node-ipc or --socket=PORT (vscode-languageserver reads process.argv).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
