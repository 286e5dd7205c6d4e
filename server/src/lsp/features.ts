// Registers the request handlers: each one answers from the latest completed analysis of the
// document (server.latestState: never an analysis on the request while a newer one is pending;
// semantic tokens wait for the pending one) and calls a pure helper.
import type { Connection } from 'vscode-languageserver/node';
import { codeActions, resolveYamlAction } from './actions';
import { compareCodeActions, registerCompare } from './compare';
import { hover } from './hover';
import {
  definitionInAnnotations,
  definitionInSource,
  highlights,
  referencesFromAnnotations,
  referencesFromSource,
} from './navigation';
import type { FactmarkServer } from './server';
import { documentSymbols, flatSymbols } from './symbols';
import { encodeTokens } from './tokens';
import { tokenOptions } from './annotatedTypes';
import { guardTokens } from './token-guard';
import { claimSymbols } from './source-claims';
import { capSymbols } from './symbol-cap';
import { registerYamlFeatures, yamlHover, yamlSymbols } from './yaml-features';
import { LEGEND } from './tokens';

export function registerFeatures(connection: Connection, server: FactmarkServer): void {
  registerCompare(connection, server);
  connection.onHover(async (params) => {
    await server.ready;
    const state = server.latestState(params.textDocument.uri);
    if (state) return hover(state, params.position);
    const entry = server.freshAnnotationsEntry(params.textDocument.uri);
    return entry ? yamlHover(entry, server.annotationsDocument(entry), params.position) : null;
  });

  connection.languages.semanticTokens.on(async (params) => {
    await server.ready;
    const state = await server.settledState(params.textDocument.uri);
    if (!state?.analysis) return { data: [] };
    return { data: guardTokens(encodeTokens(state.analysis, state.text, undefined, tokenOptions(state, server.settings())), state.text, LEGEND.tokenTypes.length, LEGEND.tokenModifiers.length) };
  });

  connection.languages.semanticTokens.onRange(async (params) => {
    await server.ready;
    const state = await server.settledState(params.textDocument.uri);
    if (!state?.analysis) return { data: [] };
    return { data: guardTokens(encodeTokens(state.analysis, state.text, params.range, tokenOptions(state, server.settings())), state.text, LEGEND.tokenTypes.length, LEGEND.tokenModifiers.length) };
  });

  connection.onDocumentSymbol(async (params) => {
    await server.ready;
    const state = server.latestState(params.textDocument.uri);
    if (!state) {
      const entry = server.freshAnnotationsEntry(params.textDocument.uri);
      return entry ? yamlSymbols(entry, server.annotationsDocument(entry)) : [];
    }
    const symbols = capSymbols([...claimSymbols(state), ...documentSymbols(state)]);
    return server.clientCaps.hierarchicalSymbols ? symbols : flatSymbols(state, symbols);
  });

  connection.onDocumentHighlight(async (params) => {
    await server.ready;
    const state = server.latestState(params.textDocument.uri);
    return state ? highlights(state, params.position) : [];
  });

  connection.onCodeAction(async (params) => {
    await server.ready;
    return [...codeActions(server, server.clientCaps.edits, params), ...compareCodeActions(server, server.clientCaps.edits, params)];
  });

  connection.onCodeActionResolve(async (action) => {
    await server.ready;
    return resolveYamlAction(server, server.clientCaps.edits, action, (message) =>
      void connection.sendNotification('window/showMessage', { type: 2 /* Warning */, message }),
    );
  });

  registerYamlFeatures(connection, server);

  connection.onDefinition(async (params) => {
    await server.ready;
    const uri = params.textDocument.uri;
    const state = server.latestState(uri);
    if (state) return definitionInSource(server, state, params.position);
    const entry = server.freshAnnotationsEntry(uri);
    if (!entry) return [];
    const doc = server.annotationsDocument(entry);
    return definitionInAnnotations(server, entry, doc.offsetAt(params.position));
  });

  connection.onReferences(async (params) => {
    await server.ready;
    const uri = params.textDocument.uri;
    const state = server.latestState(uri);
    if (state) return referencesFromSource(server, state, params.position);
    const entry = server.freshAnnotationsEntry(uri);
    if (!entry) return [];
    const doc = server.annotationsDocument(entry);
    return referencesFromAnnotations(server, entry, doc.offsetAt(params.position), params.context.includeDeclaration);
  });
}
