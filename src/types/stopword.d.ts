/** The part of `stopword` newsdesk reads (the package ships no types): its English stop words. */
declare module 'stopword' {
  /** English stop words, lower case. */
  export const eng: readonly string[];
}
