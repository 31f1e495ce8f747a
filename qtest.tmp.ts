import { analyze } from './src/core/analysis/analyze.ts';
import { articleOfText } from './eval/quotes.ts';
const t = process.argv[2]!.replace(/\\n/g, '\n');
const a = analyze(articleOfText('x', t));
console.log(a.quotes.map(q => [q.text, q.speaker, q.kind]));
