import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import WebSocket from 'ws';
import Database from 'better-sqlite3';
import { BIN, faultFreeSampleOutputs, openEngine, outputHashes, pipelineDir, ROOT, runCli, runToEnd, SAMPLE, tempDir } from './helpers.js';
import { Engine } from '../scheduler/engine.js';
import { startWsServer, MAX_MESSAGE_BYTES } from '../host/ws-server.js';
import { isWellFormedToken, newToken } from '../host/request-guard.js';
import { EngineError } from '../errors.js';

function connect(port: number, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function reply(
  socket: WebSocket,
  id: number,
  command: string,
  payload: unknown,
): Promise<{ ok: boolean; error?: { kind: string; message: string } }> {
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      const m = JSON.parse(data.toString());
      if (m.kind === 'reply' && m.id === id) resolve(m.result);
    });
    socket.send(JSON.stringify({ id, command, payload }));
  });
}

const closed = (socket: WebSocket) =>
  new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

test('bad ids, invalid UTF-8 and over-limit frames end one connection at most; the server and the others go on', async () => {
  const { engine, outDir } = await openEngine();
  const token = newToken();
  const server = await startWsServer({ engine, staticDir: join(ROOT, 'dist', 'renderer'), port: 0, token });
  try {
    const socket = await connect(server.port, token);
    for (const id of ['../../x', '.objects/evil', '/tmp/abs', 'a/b', '', 'x'.repeat(65), 'dots..', 'space id']) {
      const r = await reply(socket, 1, 'graph.addNode', { op: 'blur', id, position: { x: 0, y: 0 } });
      assert.equal(r.ok, false, `id ${JSON.stringify(id)} is refused`);
      assert.equal(r.error?.kind, 'invalid_payload');
    }
    assert.ok(!readdirSync(join(outDir, '.objects')).some((f) => f.includes('evil')));

    const bystander = await connect(server.port, token);
    // Invalid UTF-8 in a text frame: ws closes that connection with 1007.
    const utf8 = await connect(server.port, token);
    const utf8Closed = closed(utf8);
    utf8.send(Buffer.from([0xc3, 0x28]), { binary: false });
    assert.equal((await utf8Closed).code, 1007);
    // A message over the limit: 1009 with a reason.
    const big = await connect(server.port, token);
    const bigClosed = closed(big);
    big.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    assert.equal((await bigClosed).code, 1009);

    assert.ok((await reply(bystander, 2, 'graph.get', {})).ok, 'the other connection is still served');
    const fresh = await connect(server.port, token);
    assert.ok((await reply(fresh, 3, 'graph.get', {})).ok, 'a new connection is served');
    // A real 10 MB graph.replace fits under the limit and is answered.
    const nodes = Array.from({ length: 60_000 }, (_, i) => ({
      id: `n${i}`,
      op: 'load',
      params: { path: 'photos/chelsea.png' },
      position: { x: i, y: i },
    }));
    const payload = { pipeline: { name: 'big one with a long name '.repeat(4), nodes } };
    assert.ok(JSON.stringify(payload).length > 5_000_000);
    const replaced = await reply(fresh, 4, 'graph.replace', payload);
    assert.ok(replaced.ok, JSON.stringify(replaced.error));
    for (const s of [socket, bystander, fresh]) s.close();
  } finally {
    await server.close();
  }
});

test('a journal already holding an id that breaks the rule is refused by name when opened, never run', async () => {
  const { engine, journalPath, outDir } = await openEngine();
  engine.journal.db.prepare(`UPDATE tasks SET node_id = '../../escape' WHERE node_id = 'postcard'`).run();
  await engine.close();
  await assert.rejects(Engine.open({ journalPath, outDir }), (e: unknown) => {
    assert.ok(e instanceof EngineError);
    assert.equal(e.kind, 'journal_invalid');
    assert.match(e.message, /"\.\.\/\.\.\/escape"/);
    return true;
  });
  assert.equal(existsSync(join(outDir, '..', '..', 'escape.png')), false);
});

test('one process per journal: a second run is refused at once naming the first; inspect still reads; kill -9 frees it', async () => {
  const dir = tempDir();
  const journal = join(dir, 'j.db');
  const out = join(dir, 'out');
  const first = spawn(process.execPath, [BIN, 'run', '--journal', journal, '--out', out, '--throttle-ms', '400'], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true' },
  });
  let firstOut = '';
  first.stdout.on('data', (d) => (firstOut += d));
  while (!firstOut.includes('running')) await new Promise((r) => first.stdout.once('data', r));
  const second = await runCli(['run', '--journal', journal, '--out', out]);
  assert.equal(second.code, 2);
  assert.match(second.stderr, new RegExp(`journal in use by process ${first.pid}`));
  const inspect = await runCli(['inspect', journal]);
  assert.equal(inspect.code, 0, inspect.stderr);
  const exited = new Promise((r) => first.once('exit', r));
  first.kill('SIGKILL');
  await exited;
  const third = await runCli(['run', '--journal', journal, '--out', out]);
  assert.equal(third.code, 0, third.stderr);
});

test('in one process too: a second engine on an open journal is refused', async () => {
  const { journalPath, outDir } = await openEngine();
  await assert.rejects(Engine.open({ journalPath, outDir }), /journal in use by process/);
});

test('resize and rotate past the pixel limit are refused before any work, as permanent bad_params', async () => {
  const { file } = pipelineDir({
    name: 'too big',
    nodes: [
      { id: 'a', op: 'load', params: { path: 'photos/chelsea.png' } },
      { id: 'huge', op: 'resize', params: { width: 16384, height: 16384, fit: 'fill' }, inputs: ['a'] },
      { id: 'wide', op: 'resize', params: { width: 16000 }, inputs: ['a'] },
    ],
  });
  const { engine } = await openEngine({ pipelinePath: file, settings: { maxAttempts: 5 } });
  await runToEnd(engine);
  for (const id of ['huge', 'wide']) {
    const node = engine.graph.byNodeId.get(id)!;
    assert.equal(node.state.status, 'dead', id);
    assert.equal(node.state.errorKind, 'bad_params');
    assert.equal(node.state.attempt, 1, 'not retried');
    assert.match(node.state.errorMessage ?? '', /resize would make a \d+×\d+ image \(\d+ pixels\), over the limit of 50000000/);
  }
});

test('a task timeout binds inside libvips: a native-heavy load ends within seconds of its deadline', async () => {
  const { dir, file } = pipelineDir({ name: 'slow svg', nodes: [{ id: 'svg', op: 'load', params: { path: 'slow.svg' } }] });
  writeFileSync(
    join(dir, 'slow.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg" width="7000" height="7000"><filter id="b"><feGaussianBlur stdDeviation="900"/></filter><rect width="7000" height="7000" fill="red" filter="url(#b)"/></svg>',
  );
  const { engine } = await openEngine({ pipelinePath: file, settings: { timeoutMs: 2_000, maxAttempts: 1 } });
  const started = Date.now();
  await runToEnd(engine);
  const node = engine.graph.byNodeId.get('svg')!;
  assert.equal(node.state.status, 'dead');
  assert.equal(node.state.errorKind, 'timeout');
  // Not a timed assertion of speed: a bound on a hang. It ran 172 s before sharp's timeout, and
  // up to 30 s while the pool waited for the thread to leave libvips; now the task ends at its
  // deadline and a fresh thread takes over.
  assert.ok(Date.now() - started < 10_000, `ended ${Date.now() - started} ms after start`);
});

test('temp files left by a killed worker are swept when the journal is opened', async () => {
  const { engine, journalPath, outDir } = await openEngine();
  await engine.close();
  const stray = join(outDir, '.objects', '.abc.raw.12345.0badc0de.tmp');
  writeFileSync(stray, Buffer.alloc(1024));
  const keep = join(outDir, 'notes.txt');
  writeFileSync(keep, 'mine');
  const again = await Engine.open({ journalPath, outDir });
  await again.close();
  assert.equal(existsSync(stray), false);
  assert.equal(existsSync(keep), true, 'only our own temp files go');
});

test('the lock file is beside the journal and the journal itself stays readable by another connection', async () => {
  const { journalPath } = await openEngine({ pipelinePath: SAMPLE });
  assert.ok(existsSync(`${journalPath}.lock`));
  const reader = new Database(journalPath, { readonly: true });
  assert.ok((reader.prepare('SELECT count(*) AS n FROM tasks').get() as { n: number }).n > 0);
  reader.close();
});

test('a full disk under the journal: a named error and exit 3, then a clean resume once space is freed', async (t) => {
  const dir = tempDir();
  const small = join(dir, 'small');
  mkdirSync(small);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', small], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    t.skip(`cannot mount a small tmpfs here (needs root): ${mounted.stderr.trim() || mounted.error?.message}`);
    return;
  }
  try {
    const journal = join(small, 'j.db');
    const out = join(dir, 'out');
    // The disk fills up once the run is under way: whatever the journal writes next finds no room.
    let filled = false;
    const full = await runCli(
      [
        'run',
        '--journal',
        journal,
        '--out',
        out,
        '--error-chance',
        '0.5',
        '--seed',
        '3',
        '--max-attempts',
        '40',
        '--backoff-base-ms',
        '1',
        '--throttle-ms',
        '20',
      ],
      {
        onStderr: (soFar) => {
          if (filled || !/\d+\/17 completed/.test(soFar)) return;
          filled = true;
          fillDisk(join(small, 'filler'));
        },
      },
    );
    assert.ok(filled, 'the run got under way');
    assert.equal(full.code, 3, full.stderr);
    assert.match(full.stderr, /journal_full: the journal's disk is full .*free some space and run again; nothing completed is lost/);
    assert.doesNotMatch(full.stderr, /\n\s+at /, 'no stack trace');

    rmSync(join(small, 'filler'));
    const resumed = await runCli(['run', '--journal', journal, '--out', out]);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(outputHashes(out), await faultFreeSampleOutputs());
  } finally {
    spawnSync('umount', ['-l', small]);
  }
});

/** Writes zeros to `path` until the disk has no room left. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

test('pipeline files: a duplicate id is named; a UTF-8 byte-order mark is accepted', async () => {
  const { dir, file } = pipelineDir({
    name: 'twice',
    nodes: [
      { id: 'a', op: 'load', params: { path: 'photos/chelsea.png' } },
      { id: 'a', op: 'load', params: { path: 'photos/coffee.png' } },
    ],
  });
  const twice = await runCli(['run', file, '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /node ids must be unique: a is used more than once/);

  const bom = join(dir, 'bom.json');
  writeFileSync(bom, '\uFEFF' + JSON.stringify({ name: 'bom', nodes: [{ id: 'a', op: 'load', params: { path: 'photos/chelsea.png' } }] }));
  const ok = await runCli(['run', bom, '--journal', join(dir, 'k.db'), '--out', join(dir, 'out2')]);
  assert.equal(ok.code, 0, ok.stderr);
});

test('serve remembers its port and token per journal: a restart keeps the URL', async () => {
  const dir = tempDir();
  const args = [BIN, 'serve', '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')];
  const urlOf = async (): Promise<{ url: string; line: string }> => {
    const child = spawn(process.execPath, args, { cwd: ROOT });
    let out = '';
    const line = await new Promise<string>((resolve) =>
      child.stdout.on('data', (d) => {
        out += d;
        const found = /Faultline is serving (\S+)(.*)/.exec(out);
        if (found) resolve(found[0]);
      }),
    );
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    return { url: /serving (\S+)/.exec(line)![1]!, line };
  };
  const first = await urlOf();
  const second = await urlOf();
  assert.equal(second.url, first.url);
  assert.match(second.line, /the same address as last time/);
});

test('a new serve token never starts with a dash (it would read as a flag after --token)', () => {
  const tokens = Array.from({ length: 5_000 }, newToken);
  assert.deepEqual(
    tokens.filter((t) => t.startsWith('-') || !isWellFormedToken(t)),
    [],
  );
  assert.equal(new Set(tokens).size, tokens.length);
});

/** Starts `faultline serve` with args; resolves with its URL once printed, and the process. */
function serve(args: string[]): Promise<{ url: URL; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args, '--port', '0'], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const found = /serving (http:\/\/\S+)/.exec(out);
      if (found) resolve({ url: new URL(found[1]!), stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before printing its URL: ${out}`)));
  });
}

test('serve --allow DIR lets load paths point into DIR, as run --allow does; without it the run is refused', async () => {
  const photos = tempDir();
  cpSync(join(ROOT, 'assets', 'photos', 'chelsea.png'), join(photos, 'mine.png'));
  const { file } = pipelineDir({
    name: 'allowed',
    version: 1,
    nodes: [{ id: 'mine', op: 'load', params: { path: join(photos, 'mine.png') }, inputs: [] }],
  });
  for (const allow of [true, false]) {
    const dir = tempDir();
    const args = [file, '--journal', join(dir, 'j.db'), '--out', join(dir, 'out'), ...(allow ? ['--allow', photos] : [])];
    const server = await serve(args);
    try {
      const socket = await connect(Number(server.url.port), server.url.searchParams.get('token')!);
      const started = await reply(socket, 1, 'run.start', {});
      if (allow) assert.equal(started.ok, true, JSON.stringify(started));
      else assert.match(started.error?.message ?? '', /mine/);
      socket.close();
    } finally {
      server.stop();
    }
  }
});
