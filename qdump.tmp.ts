import { readGoldDocuments, scoreDocuments } from './eval/quotes.ts';
import { analyze } from './src/core/analysis/analyze.ts';
const docs = await readGoldDocuments('/work/shared/data/polnear-train.jsonl');
const rows: string[] = [];
scoreDocuments('train', docs, analyze, (kind, quote, detail, text, at) => {
  if (kind === 'speaker') return;
  const ctx = text.slice(Math.max(0, at - 120), at + quote.length + 120).replace(/\n/g, ' ¶ ');
  rows.push(`${kind}\t${quote.slice(0, 80)}\t${detail}\t${ctx}`);
});
console.log(rows.join('\n'));
