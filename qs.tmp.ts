import { findQuoteSpans } from './src/core/analysis/quote-spans.ts';
console.log(findQuoteSpans([process.argv[2]!]));
