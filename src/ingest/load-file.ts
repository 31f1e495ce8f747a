import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ScrapedArticle } from '../core/article/article.ts';
import { err, ok, type Result } from '../core/result.ts';
import { type ArticleFormat, parseArticleText } from './article-formats.ts';

export { type ArticleFormat, parseArticleText } from './article-formats.ts';

/** Largest article file newsdesk reads (5 MB); anything bigger is refused before reading. */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/** How many leading bytes are checked to tell a text file from a binary one. */
const SNIFF_BYTES = 8 * 1024;

/** File extensions newsdesk reads, and the format of each. */
const FORMATS: Readonly<Record<string, ArticleFormat>> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
};

/** The article format of a file name, or undefined when newsdesk does not read that kind of file. */
export function articleFormatOf(path: string): ArticleFormat | undefined {
  return FORMATS[extname(path).toLowerCase()];
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** Whether the bytes look like text: no NUL byte and valid UTF-8 (a sequence cut at the end is fine). */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function describeFsError(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return `${path}: no such file or directory`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  return `${path}: cannot read (${code ?? (error as Error).message})`;
}

/**
 * Loads an article file (.txt, .md/.markdown, .html/.htm) as a scraped article; missing, empty,
 * binary, oversized and unsupported files are error values with a one-line message.
 */
export async function loadArticleFile(path: string): Promise<Result<ScrapedArticle, string>> {
  const extension = extname(path);
  const format = articleFormatOf(path);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return err(`${path}: is a directory`);
    size = info.size;
  } catch (error) {
    return err(describeFsError(path, error));
  }
  if (format === undefined) {
    const kind = extension === '' ? 'no extension' : extension;
    return err(`${path}: unsupported file type (${kind}); expected .txt, .md or .html`);
  }
  if (size > MAX_ARTICLE_BYTES) {
    return err(
      `${path}: too large (${megabytes(size)} MB, limit ${megabytes(MAX_ARTICLE_BYTES).replace(/\.0$/, '')} MB)`,
    );
  }
  if (size === 0) return err(`${path}: empty file`);
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return err(describeFsError(path, error));
  }
  if (!looksLikeText(bytes.subarray(0, SNIFF_BYTES))) return err(`${path}: not a text file`);
  const text = bytes.toString('utf8');
  if (text.replace(/^\uFEFF/, '').trim() === '') return err(`${path}: empty file`);
  return parseArticleText(basename(path, extension), text, format, path);
}

/**
 * The article files at a path: the file itself, or a folder's .txt/.md/.markdown/.html/.htm
 * files (not recursive), sorted by path.
 */
export async function listArticleFiles(pathOrDir: string): Promise<Result<string[], string>> {
  try {
    const info = await stat(pathOrDir);
    if (!info.isDirectory()) return ok([pathOrDir]);
    const entries = await readdir(pathOrDir, { withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && articleFormatOf(entry.name) !== undefined)
      .map((entry) => join(pathOrDir, entry.name))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return ok(files);
  } catch (error) {
    return err(describeFsError(pathOrDir, error));
  }
}
