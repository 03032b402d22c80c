import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { PHOTOS, pipelineDir, runCli, tempDir, writeJson } from './helpers.js';

/** A pipeline loading one file and blurring it, beside a healthy branch on a real photo. */
const twoBranches = (path: string) => ({
  name: 'bad-input',
  nodes: [
    { id: 'good', op: 'load', params: { path: 'photos/chelsea.png' } },
    { id: 'good-blur', op: 'blur', params: { sigma: 2 }, inputs: ['good'] },
    { id: 'bad', op: 'load', params: { path } },
    { id: 'bad-blur', op: 'blur', params: { sigma: 2 }, inputs: ['bad'] },
  ],
});

async function runPipeline(pipeline: object, prepare?: (dir: string) => void, extra: string[] = []) {
  const { dir, file } = pipelineDir(pipeline);
  prepare?.(dir);
  const result = await runCli(['run', file, '--journal', join(dir, 'j.db'), '--out', join(dir, 'out'), ...extra]);
  return { ...result, dir };
}

test('a truncated image: the branch is dead with a message naming the file, the healthy branch still completes', async () => {
  const r = await runPipeline(twoBranches('photos/cut.png'), (dir) => {
    const whole = readFileSync(join(dir, 'photos', 'coffee.png'));
    writeFileSync(join(dir, 'photos', 'cut.png'), whole.subarray(0, Math.floor(whole.length / 3)));
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, /bad \(load\) is dead: photos\/cut\.png: truncated image/);
  assert.match(r.stderr, /bad-blur \(blur\) is blocked/);
  assert.ok(existsSync(join(r.dir, 'out', 'good-blur.png')), 'completed work is kept');
});

test('a file that is not an image is refused before anything runs', async () => {
  const r = await runPipeline(twoBranches('photos/notes.png'), (dir) => writeFileSync(join(dir, 'photos', 'notes.png'), 'just some text\n'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /pipeline_invalid/);
  assert.match(r.stderr, /node bad: not an image: photos\/notes\.png/);
});

test('a 0-byte file is refused, naming the node and the file', async () => {
  const r = await runPipeline(twoBranches('photos/empty.png'), (dir) => writeFileSync(join(dir, 'photos', 'empty.png'), ''));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /node bad: empty file \(0 bytes\): photos\/empty\.png/);
});

test('an image over the pixel limit is refused', async () => {
  const r = await runPipeline(twoBranches('photos/astronaut.png'), undefined, ['--max-pixels', '200000']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /node bad: image too large: photos\/astronaut\.png is 512×512 \(262144 pixels, limit 200000\)/);
});

test('a missing file is refused', async () => {
  const r = await runPipeline(twoBranches('photos/nowhere.png'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /node bad: file not found: photos\/nowhere\.png/);
});

test('a path outside the pipeline folder is refused, whether by ../ or through a symlink', async () => {
  const r = await runPipeline(twoBranches('../../../../etc/hostname'));
  assert.equal(r.code, 2);
  assert.match(r.stderr, /node bad: path escapes the allowed folders: \.\.\/\.\.\/\.\.\/\.\.\/etc\/hostname/);
  const linked = await runPipeline(twoBranches('photos/link.png'), (dir) => symlinkSync('/etc/hostname', join(dir, 'photos', 'link.png')));
  assert.equal(linked.code, 2);
  assert.match(linked.stderr, /node bad: path escapes the allowed folders: photos\/link\.png/);
});

test('a cycle is refused and named', async () => {
  const r = await runPipeline({
    name: 'cycle',
    nodes: [
      { id: 'a', op: 'load', params: { path: 'photos/chelsea.png' } },
      { id: 'b', op: 'overlay', params: { left: 0, top: 0 }, inputs: ['a', 'd'] },
      { id: 'c', op: 'blur', params: { sigma: 1 }, inputs: ['b'] },
      { id: 'd', op: 'blur', params: { sigma: 1 }, inputs: ['c'] },
    ],
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cycle: (b → c → d → b|c → d → b → c|d → b → c → d)/);
});

test('an unknown op, bad params and a wrong number of inputs are each named', async () => {
  const r = await runPipeline({
    name: 'mistakes',
    nodes: [
      { id: 'a', op: 'load', params: { path: 'photos/chelsea.png' } },
      { id: 'b', op: 'sparkle', inputs: ['a'] },
      { id: 'c', op: 'blur', params: { sigma: -3 }, inputs: ['a'] },
      { id: 'd', op: 'overlay', params: { left: 0, top: 0 }, inputs: ['a'] },
      { id: 'e', op: 'crop', params: { left: 0, top: 0, width: 10 }, inputs: ['a'] },
    ],
  });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /node b: unknown op "sparkle"/);
  assert.match(r.stderr, /node c \(blur\): bad params: sigma: /);
  assert.match(r.stderr, /node d \(overlay\): takes 2 inputs, has 1/);
  assert.match(r.stderr, /node e \(crop\): bad params: height: /);
});

test('malformed pipeline JSON is refused with the parser message', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'p.json'), '{ "name": "x", "nodes": [ { "id": "a", ');
  const r = await runCli(['run', join(dir, 'p.json'), '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /pipeline_invalid: .*p\.json is not valid JSON/);
});

test('a pipeline with the wrong shape names the node and field', async () => {
  const dir = tempDir();
  writeJson(join(dir, 'p.json'), {
    name: 'x',
    nodes: [
      { id: 'ok', op: 'load', params: {} },
      { id: 'bad id!', op: 'blur' },
    ],
  });
  const r = await runCli(['run', join(dir, 'p.json'), '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /node bad id! id: node ids are 1 to 64 of letters, digits, _ and -/);
});

test('a crop outside the image is dead at once (no pointless retries), with the sizes in the message', async () => {
  const r = await runPipeline({
    name: 'big-crop',
    nodes: [
      { id: 'a', op: 'load', params: { path: 'photos/chelsea.png' } },
      { id: 'b', op: 'crop', params: { left: 400, top: 0, width: 200, height: 100 }, inputs: ['a'] },
    ],
  });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /b \(crop\) is dead: crop 200×100 at \(400, 0\) falls outside the 451×300 input/);
});

test('a journal from a newer Faultline is refused when the newer migration breaks, opened when it does not', async () => {
  const dir = tempDir();
  const journal = join(dir, 'j.db');
  const first = await runCli(['run', '--journal', journal, '--out', join(dir, 'out')]);
  assert.equal(first.code, 0, first.stderr);
  const future = (version: number, breaking: 0 | 1) => {
    const db = new Database(journal);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at, breaking) VALUES (?, ?, 0, ?)').run(
      version,
      `${version}_future.sql`,
      breaking,
    );
    db.close();
  };
  future(998, 0);
  const additive = await runCli(['run', '--journal', journal, '--out', join(dir, 'out')]);
  assert.equal(additive.code, 0, additive.stderr);
  future(999, 1);
  const r = await runCli(['run', '--journal', journal, '--out', join(dir, 'out')]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /journal_newer: this journal has schema version 999 \(999_future.sql\), newer than this Faultline understands \(\d+\) and not readable by it/,
  );
  const after = new Database(journal);
  assert.equal((after.prepare(`SELECT count(*) AS n FROM events WHERE status = 'completed'`).get() as { n: number }).n, 17);
  after.close();
});

test('a corrupt journal file is refused, named, and not overwritten', async () => {
  const dir = tempDir();
  const journal = join(dir, 'j.db');
  const garbage = Buffer.alloc(8192, 0x5a);
  writeFileSync(journal, garbage);
  const r = await runCli(['run', '--journal', journal, '--out', join(dir, 'out')]);
  assert.equal(r.code, 3, 'storage failures have their own exit code');
  assert.match(r.stderr, /journal_corrupt: the journal .*j\.db is not a readable Faultline journal/);
  assert.deepEqual(readFileSync(journal), garbage);
});

test('an unwritable journal location is refused with a clear error', async () => {
  const dir = tempDir();
  const blocker = join(dir, 'file');
  writeFileSync(blocker, 'not a folder');
  const r = await runCli(['run', '--journal', join(blocker, 'j.db'), '--out', join(dir, 'out')]);
  assert.equal(r.code, 3, 'storage failures have their own exit code');
  assert.match(r.stderr, /journal_unwritable: cannot create the journal's folder/);
});

test('an out folder that cannot be written is refused', async () => {
  const dir = tempDir();
  const blocker = join(dir, 'file');
  writeFileSync(blocker, 'x');
  const r = await runCli(['run', '--journal', join(dir, 'j.db'), '--out', join(blocker, 'out')]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /out_dir_unwritable/);
});

test('bad flags are usage errors that name the flag', async () => {
  const r = await runCli(['run', '--error-chance', '1.5']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--error-chance must be a number from 0 to 1, got "1.5"/);
  const unknown = await runCli(['run', '--sparkle']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown flag --sparkle \(--help lists every flag\)/);
});

test('a photo folder copied in keeps working: paths are relative to the pipeline file', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'nested', 'photos'), { recursive: true });
  copyFileSync(join(PHOTOS, 'chelsea.png'), join(dir, 'nested', 'photos', 'c.png'));
  writeJson(join(dir, 'nested', 'p.json'), { name: 'rel', nodes: [{ id: 'a', op: 'load', params: { path: 'photos/c.png' } }] });
  const r = await runCli(['run', join(dir, 'nested', 'p.json'), '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.ok(existsSync(join(dir, 'out', 'a.png')));
});

test("another program's SQLite file is refused as a journal and gains no tables", async () => {
  const dir = tempDir();
  const file = join(dir, 'contacts.db');
  const other = new Database(file);
  // Its own schema_migrations table (Rails, Knex, Graphile...) does not make it ours.
  other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada'); CREATE TABLE schema_migrations (version TEXT)");
  other.close();
  for (const args of [
    ['run', '--journal', file, '--out', join(dir, 'out')],
    ['inspect', file],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /journal_mismatch: .*contacts\.db is an SQLite database but not a Faultline journal \(it has tables contacts, schema_migrations\)/,
    );
  }
  const after = new Database(file);
  const tables = after.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all();
  const mode = after.pragma('journal_mode', { simple: true });
  after.close();
  assert.deepEqual(tables, [{ name: 'contacts' }, { name: 'schema_migrations' }]);
  assert.equal(mode, 'delete', 'the file keeps its own journal mode');
});
