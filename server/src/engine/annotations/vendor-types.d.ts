// Minimal typings for the parts of `diff` (jsdiff 5) the annotations engine uses
// (@types/diff is not installed).
declare module 'diff' {
  export interface Change {
    value: string;
    added?: boolean;
    removed?: boolean;
    count?: number;
  }
  export function diffWords(oldStr: string, newStr: string, options?: { ignoreCase?: boolean }): Change[];
}
