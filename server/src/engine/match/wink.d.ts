declare module 'wink-porter2-stemmer' {
  /** Porter2 (English Snowball) stemmer: lower-case word in, stem out. */
  function stem(word: string): string;
  export = stem;
}
