/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import WebSocket from 'ws';
import type { HostMessage } from '../engine/contract/index.js';
import { noopDag } from './noop-dag.js';
import { childEntry } from './shared/child.js';
import { round, scratchDir } from './shared/timing.js';

export interface UiFpsArgs {
  nodes: number;
  /** Instead of a noop graph of `nodes`: this pipeline file, run at its own speed (a folder batch). */
  pipeline?: string;
  /** Status changes per second to aim for (each task makes two: running, completed). */
  changesPerS: number;
  seconds: number;
}

export interface UiFpsResult {
  nodes: number;
  /** Nodes drawn as DOM nodes while measuring; zoomed out, a big graph is drawn on one canvas instead. */
  renderedNodes: number;
  /** Frames per second with the graph on screen and nothing happening: the page's ceiling. */
  idleFps: number;
  fps: number;
  changesPerS: number;
  measuredSeconds: number;
}

const BIN = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WORKERS = 8;

/**
 * The real app in Debian's Chromium, on a graph of `nodes` noop tasks run by the real engine
 * (browser mode), throttled so the journal produces about `changesPerS` status changes a
 * second; frames are counted with requestAnimationFrame in the page while they stream in.
 */
async function measureUiFps(args: UiFpsArgs): Promise<UiFpsResult> {
  const scratch = scratchDir('ui');
  let serve: ChildProcess | null = null;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const pipeline = args.pipeline ?? join(scratch.dir, 'graph.json');
    if (!args.pipeline) writeFileSync(pipeline, JSON.stringify(noopDag(args.nodes, Math.ceil(Math.sqrt(args.nodes)))));
    serve = spawn(process.execPath, [BIN, 'serve', pipeline, '--journal', join(scratch.dir, 'j.db'), '--out', join(scratch.dir, 'out')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await printedUrl(serve);
    const client = await connect(url);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url);
    await page.waitForSelector('[data-testid="app"][data-loaded="true"]', { timeout: 60_000 });
    await page.waitForTimeout(1_500); // the canvas frames the whole graph (fitView) after loading
    const renderedNodes = await page.locator('[data-testid="op-node"]').count();

    const idleFps = await framesPerSecond(page, 2000);
    // Throttle so WORKERS threads together finish changesPerS / 2 tasks a second; a batch runs flat out.
    const throttleMs = Math.round((WORKERS * 2 * 1000) / args.changesPerS);
    if (!args.pipeline) await client.command('faults.set', { faults: { throttleMs }, settings: { workers: WORKERS } });
    await client.command('run.start', {});
    await page.waitForTimeout(800); // let the workers start and the stream settle

    const changesBefore = client.changes;
    const fps = await framesPerSecond(page, args.seconds * 1000);
    const changesPerS = (client.changes - changesBefore) / args.seconds;
    client.close();
    return {
      nodes: args.nodes,
      renderedNodes,
      idleFps: round(idleFps, 1),
      fps: round(fps, 1),
      changesPerS: round(changesPerS, 0),
      measuredSeconds: args.seconds,
    };
  } finally {
    await browser.close();
    serve?.kill('SIGKILL');
    scratch.remove();
  }
}

function framesPerSecond(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (duration) =>
      new Promise<number>((resolve) => {
        let frames = 0;
        const start = performance.now();
        const tick = () => {
          frames++;
          if (performance.now() - start < duration) requestAnimationFrame(tick);
          else resolve(frames / ((performance.now() - start) / 1000));
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
}

function printedUrl(serve: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL:\n${out}`)), 30_000);
    serve.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    });
  });
}

/** A second client of the same WebSocket: sends commands and counts the task changes it hears. */
async function connect(url: string) {
  const http = new URL(url);
  const socket = new WebSocket(`ws://${http.host}/?token=${http.searchParams.get('token')}`, { headers: { Origin: http.origin } });
  await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
  const pending = new Map<number, (result: unknown) => void>();
  let nextId = 1;
  const client = {
    changes: 0,
    command(command: string, payload: unknown): Promise<unknown> {
      const id = nextId++;
      socket.send(JSON.stringify({ id, command, payload }));
      return new Promise((resolve) => pending.set(id, resolve));
    },
    close: () => socket.close(),
  };
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as HostMessage;
    if (message.kind === 'reply') {
      if (!message.result.ok) throw new Error(`${message.result.error.kind}: ${message.result.error.message}`);
      pending.get(message.id)?.(message.result);
    } else {
      for (const event of message.events) if (event.kind === 'tasks') client.changes += event.changes.length;
    }
  });
  return client;
}

childEntry(import.meta.url, measureUiFps);
