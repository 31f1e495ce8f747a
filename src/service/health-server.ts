/**
 * The health and metrics endpoint (HEALTH_PORT): `GET /healthz` (the process is up), `GET /readyz`
 * (200 only when every check passes; 503 with a JSON body naming what does not) and `GET /metrics`
 * (Prometheus text). Plain node:http, nothing else listens here.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { err, ok, type Result } from '../core/result.ts';

/** One readiness check: resolves to undefined when fine, or a short reason when not. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<string | undefined>;
}

/** What the endpoint serves. */
export interface HealthServerOptions {
  host: string;
  /** 0 picks a free port (see {@link RunningHealthServer.port}). */
  port: number;
  /** The checks of `/readyz`, read at each request (platforms are added as they are configured). */
  checks: () => readonly ReadinessCheck[];
  /** Prometheus text and its content type. */
  metrics: { contentType: string; text(): Promise<string> };
  /** Aborted when newsdesk stops: `/readyz` turns 503 at once, so traffic moves elsewhere. */
  stopping: AbortSignal;
}

/** A listening health endpoint. */
export interface RunningHealthServer {
  port: number;
  stop(): Promise<void>;
}

/**
 * How long one readiness check may take: a probe must be answered within Kubernetes' default
 * timeout of 1 s, so a check slower than this counts as failing.
 */
const CHECK_TIMEOUT_MS = 800;

/** Runs one check with the time limit; a throw or a timeout is a reason, never an exception. */
async function runCheck(check: ReadinessCheck): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check(), timeout]);
  } catch (error) {
    return error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
  } finally {
    clearTimeout(timer);
  }
}

/** The `/readyz` answer: 200 when every check passes, else 503 naming the failing ones. */
export async function readiness(
  checks: readonly ReadinessCheck[],
  stopping: boolean,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const results = await Promise.all(
    checks.map(async (check) => [check.name, await runCheck(check)] as const),
  );
  const failing = results.filter(([, reason]) => reason !== undefined).map(([name]) => name);
  if (stopping) failing.push('newsdesk');
  const body = {
    status: failing.length === 0 ? 'ready' : 'not ready',
    failing,
    checks: Object.fromEntries([
      ...results.map(([name, reason]) => [name, reason ?? 'ok']),
      ...(stopping ? [['newsdesk', 'stopping']] : []),
    ]),
  };
  return { status: failing.length === 0 ? 200 : 503, body };
}

function sendJson(response: ServerResponse, status: number, body: unknown, head: boolean): void {
  const text = `${JSON.stringify(body)}\n`;
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(head ? undefined : text);
}

async function route(request: IncomingMessage, response: ServerResponse, options: HealthServerOptions) {
  const path = new URL(request.url ?? '/', 'http://health').pathname;
  const head = request.method === 'HEAD';
  if (request.method !== 'GET' && !head) {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (path === '/healthz') {
    sendJson(response, 200, { status: 'ok' }, head);
  } else if (path === '/readyz') {
    const { status, body } = await readiness(options.checks(), options.stopping.aborted);
    sendJson(response, status, body, head);
  } else if (path === '/metrics') {
    const text = await options.metrics.text();
    response.writeHead(200, { 'content-type': options.metrics.contentType });
    response.end(head ? undefined : text);
  } else {
    sendJson(response, 404, { error: 'not found: try /healthz, /readyz or /metrics' }, head);
  }
}

/** Starts listening; a port in use or not allowed is one line. */
export async function startHealthServer(
  options: HealthServerOptions,
): Promise<Result<RunningHealthServer, string>> {
  const server = createServer((request, response) => {
    route(request, response, options).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: String(error) }, false);
      else response.destroy();
    });
  });
  const listening = await new Promise<Error | undefined>((resolve) => {
    server.once('error', resolve);
    server.listen(options.port, options.host, () => resolve(undefined));
  });
  if (listening) {
    const code = (listening as NodeJS.ErrnoException).code ?? listening.message;
    return err(`HEALTH_PORT ${options.port} on ${options.host} cannot be used (${code})`);
  }
  return ok({
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections of a scraper would hold close() open.
        server.closeAllConnections();
      }),
  });
}
