import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Fetcher, FetchOutcome, FetchPurpose, FetchRequest } from '../core/ports.ts';
import { bareHostname, blockedAddressReason, isAllowListed, parseFetchableUrl } from './address-policy.ts';

/** Largest body newsdesk downloads (5 MB, after decompression). */
export const MAX_FETCH_BYTES = 5 * 1024 * 1024;
/** How long one fetch may take in all, redirects and body included. */
export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
/** How many redirects a fetch follows. */
export const MAX_REDIRECTS = 5;

/** Resolves a host name to every address it has. */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

/** How the HTTP fetcher behaves; every field has a safe default. */
export interface HttpFetcherOptions {
  /**
   * Hosts fetched even though they resolve to loopback or private addresses (self-hosted feeds,
   * tests): "feeds.lan", "10.0.0.5", "127.0.0.1:8080" (that port only).
   */
  allowedHosts?: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  /** Host name resolution (default: the system resolver, every address). */
  resolve?: HostResolver;
  /** The clock, for Retry-After dates. */
  now?: () => Date;
}

const systemResolve: HostResolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

const PAGE_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;
const FEED_TYPES = /(xml|rss|atom)|^(text\/plain|application\/octet-stream)\b/i;

/** Why a response's content type does not fit the purpose, or null when it does. */
function contentTypeProblem(purpose: FetchPurpose, contentType: string | null): string | null {
  if (purpose === 'page') {
    if (contentType === null) return 'the server sent no content type (expected an HTML page)';
    return PAGE_TYPES.test(contentType) ? null : `not an HTML page (content type ${contentType})`;
  }
  if (contentType === null || FEED_TYPES.test(contentType)) return null;
  if (PAGE_TYPES.test(contentType))
    return `the URL serves a web page (${contentType}), not an RSS or Atom feed`;
  return `not a feed (content type ${contentType})`;
}

/** Milliseconds a Retry-After header asks to wait (seconds or an HTTP date), if it says. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

/** Decodes a body by the charset of its content type (or XML declaration), UTF-8 otherwise. */
function decodeBody(bytes: Buffer, contentType: string | null): string {
  const declared =
    /charset=["']?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ??
    /^\s*<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ??
    'utf-8';
  try {
    return new TextDecoder(declared).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
}

/** The error a hop ends with: the fetch fails with this outcome. */
class FetchFailure extends Error {
  constructor(readonly outcome: Extract<FetchOutcome, { status: 'failed' }>) {
    super(outcome.reason);
  }
}

function fail(
  reason: string,
  retryable: boolean,
  extra: { httpStatus?: number; retryAfterMs?: number } = {},
) {
  return new FetchFailure({ status: 'failed', reason, retryable, ...extra });
}

/** One response: a redirect to follow, or a final outcome. */
type HopResult = { redirect: URL } | { outcome: FetchOutcome };

/**
 * The real {@link Fetcher}: node's HTTP client with an overall timeout, a body cap (streamed, aborted
 * past it), content-type checks, only http(s), and no connection to loopback, private, link-local,
 * metadata or CGNAT addresses unless the host is allow-listed. Each redirect hop is checked again,
 * and the connection goes to the very address that was checked (no DNS rebinding).
 */
export function createHttpFetcher(options: HttpFetcherOptions = {}): Fetcher {
  const allowedHosts = options.allowedHosts ?? [];
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? MAX_FETCH_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const userAgent = options.userAgent ?? 'newsdesk/0.1 (+https://github.com/newsdesk)';
  const resolve = options.resolve ?? systemResolve;
  const now = options.now ?? (() => new Date());

  /** The checked addresses of a URL's host; refuses before any connection is made. */
  async function checkedAddresses(url: URL): Promise<LookupAddress[]> {
    const host = bareHostname(url);
    let addresses: LookupAddress[];
    const family = isIP(host);
    if (family !== 0) addresses = [{ address: host, family }];
    else {
      try {
        addresses = await resolve(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'lookup failed';
        throw fail(`cannot resolve ${host} (${code})`, code !== 'ENOTFOUND');
      }
      if (addresses.length === 0) throw fail(`cannot resolve ${host} (no addresses)`, true);
    }
    if (isAllowListed(url, allowedHosts)) return addresses;
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason !== null)
        throw fail(
          `refused ${url.host}: it resolves to ${address}, ${reason} (allow-list the host to fetch it)`,
          false,
        );
    }
    return addresses;
  }

  function hop(
    url: URL,
    request: FetchRequest,
    addresses: LookupAddress[],
    signal: AbortSignal,
    conditional: boolean,
  ): Promise<HopResult> {
    const headers: Record<string, string> = {
      'user-agent': userAgent,
      accept:
        request.purpose === 'page'
          ? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1'
          : 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (conditional && request.etag) headers['if-none-match'] = request.etag;
    if (conditional && request.lastModified) headers['if-modified-since'] = request.lastModified;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const pinned = addresses[0] as LookupAddress;
    return new Promise<HopResult>((settle, reject) => {
      const req = send(url, {
        method: 'GET',
        headers,
        signal,
        // Connect to the address that was checked, not to whatever a second lookup returns.
        lookup: (_hostname, lookupOptions, callback) => {
          if ((lookupOptions as { all?: boolean }).all)
            (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
          else callback(null, pinned.address, pinned.family);
        },
      });
      req.on('error', (error) => {
        if (error instanceof FetchFailure) reject(error);
        else if (signal.aborted) reject(fail(`timed out after ${timeoutMs} ms`, true));
        else
          reject(
            fail(`cannot fetch ${url.host}: ${(error as NodeJS.ErrnoException).code ?? error.message}`, true),
          );
      });
      req.on('response', (res) => {
        handleResponse(url, request, res, signal).then(settle, (error: unknown) => {
          res.destroy();
          req.destroy();
          reject(error);
        });
      });
      req.end();
    });
  }

  async function handleResponse(
    url: URL,
    request: FetchRequest,
    res: IncomingMessage,
    signal: AbortSignal,
  ): Promise<HopResult> {
    const status = res.statusCode ?? 0;
    const header = (name: string) => {
      const value = res.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (status >= 300 && status < 400 && status !== 304) {
      res.resume();
      const location = header('location');
      if (!location) throw fail(`HTTP ${status} redirect without a Location`, false, { httpStatus: status });
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        throw fail(`HTTP ${status} redirect to an invalid URL (${location})`, false, { httpStatus: status });
      }
      return { redirect: next };
    }
    if (status === 304) {
      res.resume();
      return { outcome: { status: 'not-modified', url: url.href } };
    }
    if (status === 429 || status >= 500) {
      res.resume();
      const retryAfterMs = parseRetryAfter(header('retry-after'), now());
      const reason = status === 429 ? 'HTTP 429 Too Many Requests' : `HTTP ${status} from ${url.host}`;
      throw fail(reason, true, {
        httpStatus: status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw fail(
        `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} from ${url.host}`,
        false,
        {
          httpStatus: status,
        },
      );
    }
    const contentType = header('content-type')?.trim() || null;
    const typeProblem = contentTypeProblem(request.purpose, contentType);
    if (typeProblem !== null) throw fail(typeProblem, false, { httpStatus: status });
    const declared = Number(header('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes)
      throw fail(`too large (${megabytes(declared)}, limit ${megabytes(maxBytes)})`, false, {
        httpStatus: status,
      });

    const encoding = header('content-encoding')?.trim().toLowerCase();
    let stream: Readable = res;
    if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
    else if (encoding === 'deflate') stream = res.pipe(createInflate());
    else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        // Counted after decompression, so a small compressed bomb is stopped too.
        if (size > maxBytes)
          throw fail(`too large (over ${megabytes(maxBytes)})`, false, { httpStatus: status });
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof FetchFailure) throw error;
      if (signal.aborted) throw fail(`timed out after ${timeoutMs} ms`, true);
      throw fail(`the download from ${url.host} broke off (${(error as Error).message})`, true);
    }
    return {
      outcome: {
        status: 'ok',
        url: url.href,
        body: decodeBody(Buffer.concat(chunks), contentType),
        contentType,
        etag: header('etag') ?? null,
        lastModified: header('last-modified') ?? null,
      },
    };
  }

  return {
    async fetch(request: FetchRequest): Promise<FetchOutcome> {
      const first = parseFetchableUrl(request.url);
      if (!first.ok) return { status: 'failed', reason: first.error, retryable: false };
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      // The caller's signal ends the fetch as the timeout does, but says why.
      const cancel = () => controller.abort();
      request.signal?.addEventListener('abort', cancel, { once: true });
      if (request.signal?.aborted) controller.abort();
      let url = first.value;
      try {
        for (let redirects = 0; ; redirects++) {
          const addresses = await checkedAddresses(url);
          if (controller.signal.aborted) throw fail(`timed out after ${timeoutMs} ms`, true);
          // Validators belong to the URL they were given for; a redirected hop asks plainly.
          const result = await hop(url, request, addresses, controller.signal, redirects === 0);
          if ('outcome' in result) return result.outcome;
          if (redirects >= maxRedirects) throw fail(`more than ${maxRedirects} redirects`, false);
          const next = parseFetchableUrl(result.redirect.href);
          if (!next.ok) throw fail(`redirect refused: ${next.error}`, false);
          url = next.value;
        }
      } catch (error) {
        if (request.signal?.aborted) return { status: 'failed', reason: 'cancelled', retryable: true };
        if (error instanceof FetchFailure) return error.outcome;
        return {
          status: 'failed',
          reason: `cannot fetch ${url.host}: ${(error as Error).message}`,
          retryable: true,
        };
      } finally {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', cancel);
      }
    },
  };
}
