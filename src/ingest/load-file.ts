import { constants, type Stats } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ScrapedArticle } from '../core/article/article.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { ArticleText } from './analysis-tasks.ts';
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

/** Why a path is not read, when it is not a regular file (a FIFO could block a read forever). */
function notRegularFile(path: string, info: Stats): string | undefined {
  if (info.isDirectory()) return `${path}: is a directory`;
  return info.isFile() ? undefined : `${path}: skipped: not a regular file`;
}

/**
 * Reads an article file (.txt, .md/.markdown, .html/.htm) as text, unparsed; missing, empty,
 * binary, oversized, unsupported and non-regular files (FIFOs, devices) are error values with a
 * one-line message. Parsing is left to the caller (the analysis pool), as it can take long.
 */
export async function readArticleFile(path: string): Promise<Result<ArticleText, string>> {
  const extension = extname(path);
  const format = articleFormatOf(path);
  let text: string;
  try {
    // Non-blocking, so a FIFO opens at once and is refused instead of waiting for a writer.
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const info = await handle.stat();
      const refused = notRegularFile(path, info);
      if (refused !== undefined) return err(refused);
      if (format === undefined) {
        const kind = extension === '' ? 'no extension' : extension;
        return err(`${path}: unsupported file type (${kind}); expected .txt, .md or .html`);
      }
      if (info.size > MAX_ARTICLE_BYTES) {
        return err(
          `${path}: too large (${megabytes(info.size)} MB, limit ${megabytes(MAX_ARTICLE_BYTES).replace(/\.0$/, '')} MB)`,
        );
      }
      if (info.size === 0) return err(`${path}: empty file`);
      const bytes = await handle.readFile();
      if (!looksLikeText(bytes.subarray(0, SNIFF_BYTES))) return err(`${path}: not a text file`);
      text = bytes.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') return err(`${path}: is a directory`);
    return err(describeFsError(path, error));
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') return err(`${path}: empty file`);
  return ok({ id: basename(path, extension), text, format, origin: path });
}

/**
 * Loads an article file and parses it in this thread (tests and tools; ingest parses in the
 * analysis pool). Errors as {@link readArticleFile}, then as {@link parseArticleText}.
 */
export async function loadArticleFile(path: string): Promise<Result<ScrapedArticle, string>> {
  const read = await readArticleFile(path);
  if (!read.ok) return read;
  return parseArticleText(read.value.id, read.value.text, read.value.format, path);
}

/** The article files of a path, and the entries with an article's extension that are not regular files. */
export interface ArticleFiles {
  files: string[];
  /** Symlinks, FIFOs, sockets and devices in a folder, never read. */
  skipped: string[];
}

/**
 * The article files at a path: the file itself, or a folder's regular .txt/.md/.markdown/.html/.htm
 * files (not recursive), sorted by path, with the entries it skipped.
 */
export async function listArticleFiles(pathOrDir: string): Promise<Result<ArticleFiles, string>> {
  try {
    const info = await stat(pathOrDir);
    if (!info.isDirectory()) return ok({ files: [pathOrDir], skipped: [] });
    const entries = (await readdir(pathOrDir, { withFileTypes: true })).filter(
      (entry) => articleFormatOf(entry.name) !== undefined,
    );
    const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const pathsOf = (wanted: boolean) =>
      entries
        .filter((entry) => entry.isFile() === wanted)
        .map((entry) => join(pathOrDir, entry.name))
        .sort(byPath);
    return ok({ files: pathsOf(true), skipped: pathsOf(false) });
  } catch (error) {
    return err(describeFsError(pathOrDir, error));
  }
}
