// The Factmark engine: pure TypeScript, shared by the language server, the CLI and the benchmark.
export * from './types';
export { analyze } from './analyze';
export * from './annotations';
