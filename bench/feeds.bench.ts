/**
 * Feeds benchmark: 500 RSS feeds of 50 items each, served by a separate local process on five
 * loopback hosts (127.0.0.1-5, allow-listed). Cycle 1 is the first poll (every item is backlog),
 * cycle 2 finds new items in every feed and ingests them, cycle 3 finds nothing new (304s).
 * Reports each cycle's time, requests and the poller process's peak memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../src/core/ports.ts';
import { GLOBAL_OWNER } from '../src/core/ports.ts';
import { createAnalysisPool } from '../src/ingest/analysis-pool.ts';
import { createFeedPoller, type FeedPollReport } from '../src/ingest/feed-poller.ts';
import { createHttpFetcher } from '../src/ingest/http-fetcher.ts';
import { openStore } from '../src/store/open.ts';

const FEEDS = 500;
const ITEMS_PER_FEED = 50;
/** New items per feed in cycle 2 (each a full-content item: cleaned, analysed, stored). */
const NEW_ITEMS_PER_FEED = 4;
const HOSTS = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5'];
const CONCURRENCY = 10;
const ADDED_AT = Date.parse('2024-05-02T00:00:00Z');

/**
 * The feed server, run in its own process so its memory and CPU are not the poller's. Items are
 * generated news paragraphs (names, places, numbers vary), so no two are near-duplicates.
 */
const SERVER_SOURCE = String.raw`
const http = require('node:http');
const [feeds, items, newItems, addedAt] = JSON.parse(process.argv[1]);
const hosts = JSON.parse(process.argv[2]);
let round = 1;
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const FIRST = ['Wei','Ana','James','Maria','Olena','Kwame','Priya','Lars','Fatima','Hiroshi','Elena','Tomas','Aisha','Dmitri','Grace'];
const LAST = ['Okafor','Lindqvist','Haddad','Tanaka','Moreau','Kowalski','Ibrahim','Novak','Reyes','Schmidt','Nguyen','Petrov'];
const PLACES = ['Lagos','Oslo','Lima','Osaka','Lyon','Gdansk','Accra','Porto','Hanoi','Quito','Tallinn','Daegu'];
const TOPICS = ['the port expansion','the water tariff','the school budget','the rail strike','the housing plan','the fishing quota','the bridge repairs','the hospital merger'];
const ROLES = ['mayor','finance minister','union leader','council member','chief executive','spokeswoman'];
function story(feed, item) {
  const r = random(feed * 100003 + item * 7919 + 17);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const who = pick(FIRST) + ' ' + pick(LAST), place = pick(PLACES), topic = pick(TOPICS), role = pick(ROLES);
  const n = () => Math.floor(r() * 900 + 10);
  const title = who + ' defends ' + topic + ' in ' + place + ' (' + feed + '-' + item + ')';
  const paragraphs = [
    'The ' + role + ' of ' + place + ', ' + who + ', on ' + pick(['Monday','Tuesday','Thursday','Friday']) + ' defended ' + topic + ', which has drawn ' + n() + ' formal objections since it was announced ' + n() + ' days ago.',
    '"We have listened to every one of those objections, and we will answer them in writing," ' + who.split(' ')[1] + ' told reporters outside the city hall, adding that ' + n() + ' jobs depended on the outcome.',
    'Opponents, led by ' + pick(FIRST) + ' ' + pick(LAST) + ', said the plan would cost ' + n() + ' million and would take at least ' + n() + ' weeks longer than officials had promised.',
    'A vote is expected on ' + pick(['March','April','May','June']) + ' ' + (n() % 28 + 1) + ', when the council meets for the ' + n() + 'th time this year.',
  ];
  return { title, paragraphs };
}
const cache = new Map();
function feedXml(feed) {
  const key = feed + ':' + round;
  if (cache.has(key)) return cache.get(key);
  const count = round === 1 ? 0 : newItems;
  const entries = [];
  for (let i = 0; i < items; i++) {
    const fresh = i < count;
    const index = fresh ? items + i : i - count;
    const date = new Date(fresh ? addedAt + (i + 1) * 60000 : addedAt - (index + 1) * 3600000).toUTCString();
    const s = story(feed, index);
    entries.push('<item><title>' + s.title + '</title><link>http://' + hosts[feed % hosts.length] + '/story/' + feed + '/' + index + '</link>' +
      '<guid isPermaLink="false">feed-' + feed + '-item-' + index + '</guid><pubDate>' + date + '</pubDate>' +
      '<description>' + s.paragraphs[0].replace(/&/g, '&amp;').replace(/</g, '&lt;') + '</description>' +
      '<content:encoded><![CDATA[' + s.paragraphs.map((p) => '<p>' + p + '</p>').join('') + ']]></content:encoded></item>');
  }
  const xml = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Feed ' + feed + '</title><link>https://news.example/' + feed + '</link>' + entries.join('') + '</channel></rss>';
  cache.set(key, xml);
  return xml;
}
let listening = 0;
for (const host of hosts) {
  http.createServer((req, res) => {
    const feed = Number(/^\/feed\/(\d+)$/.exec(req.url)?.[1]);
    if (!Number.isInteger(feed)) return res.writeHead(404).end();
    const etag = '"r' + (round === 1 ? 1 : round >= 2 ? 2 : round) + '"';
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(feedXml(feed));
  }).listen(18900, host, () => { if (++listening === hosts.length) process.send({ port: 18900 }); });
}
process.on('message', (message) => { if (message.round) { round = message.round; cache.clear(); process.send({ round }); } });
`;

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      SERVER_SOURCE,
      JSON.stringify([FEEDS, ITEMS_PER_FEED, NEW_ITEMS_PER_FEED, ADDED_AT]),
      JSON.stringify(HOSTS),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('exit', (code) => reject(new Error(`feed server exited with ${code}`)));
  });
}

function setRound(child: ChildProcess, round: number): Promise<void> {
  return new Promise((resolve) => {
    child.once('message', () => resolve());
    child.send({ round });
  });
}

/** Samples the process's resident memory while `task` runs; returns its result, time and peak. */
async function measure<T>(
  task: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRssMb: number; peakHeapMb: number }> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 10);
  const started = performance.now();
  const value = await task();
  const ms = performance.now() - started;
  clearInterval(sampler);
  const usage = process.memoryUsage();
  return {
    value,
    ms,
    peakRssMb: Math.max(peakRss, usage.rss) / 2 ** 20,
    peakHeapMb: Math.max(peakHeap, usage.heapUsed) / 2 ** 20,
  };
}

/** Runs the benchmark and prints one row per poll cycle. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-feeds-bench-'));
  const { child, port } = await startServer();
  let time = ADDED_AT;
  const clock: Clock = { now: () => new Date(time) };
  const opened = await openStore(`sqlite:${join(dir, 'bench.db')}`, { now: () => clock.now() });
  if (!opened.ok) throw new Error(opened.error);
  const store = opened.value;
  const pool = createAnalysisPool();
  try {
    for (let feed = 0; feed < FEEDS; feed++)
      await store.addFeed(`http://${HOSTS[feed % HOSTS.length]}:${port}/feed/${feed}`, {
        owner: GLOBAL_OWNER,
      });
    const poller = createFeedPoller({
      articles: store,
      pool,
      failures: store,
      feeds: store,
      fetcher: createHttpFetcher({ allowedHosts: HOSTS.map((host) => `${host}:${port}`) }),
      clock,
      concurrency: CONCURRENCY,
      // Politeness is per host; the bench's five hosts each serve 100 feeds, so a pause would only
      // measure the pause (1 s x 100 feeds). Real feeds spread over many hosts.
      hostDelayMs: 0,
      intervalMs: 60_000,
    });
    const rows: string[][] = [];
    const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
    const cycle = async (name: string) => {
      const result = await measure(() => poller.pollOnce());
      const reports: FeedPollReport[] = result.value;
      const sum = (pick: (report: FeedPollReport) => number) =>
        reports.reduce((total, r) => total + pick(r), 0);
      const failed = reports.filter((r) => r.status === 'failed' || r.status === 'disabled').length;
      rows.push([
        name,
        String(reports.length),
        String(reports.filter((r) => r.status === 'not-modified').length),
        String(sum((r) => r.backlog)),
        String(sum((r) => r.created)),
        String(failed),
        `${(result.ms / 1000).toFixed(2)} s`,
        `${(result.ms / Math.max(1, reports.length)).toFixed(1)} ms`,
        `${result.peakRssMb.toFixed(0)} MB`,
        `${result.peakHeapMb.toFixed(0)} MB`,
      ]);
      time += 2 * 60_000;
    };
    await cycle('1 first poll (backlog)');
    await setRound(child, 2);
    await cycle(`2 ${NEW_ITEMS_PER_FEED} new items/feed`);
    await cycle('3 nothing new (304)');
    const header = [
      'cycle',
      'feeds',
      '304',
      'backlog',
      'stored',
      'failed',
      'time',
      'per feed',
      'peak RSS',
      'peak heap',
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
    const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
    process.stdout.write(
      `${FEEDS} feeds x ${ITEMS_PER_FEED} items on ${HOSTS.length} local hosts, ${CONCURRENCY} at a time, SQLite; RSS before polling ${baselineRssMb.toFixed(0)} MB\n`,
    );
    process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
  } finally {
    await pool.close();
    await store.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
