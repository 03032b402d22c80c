import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { kebabCase, parseFlags, schemaFlags } from '../cli/schema-flags.js';
import { SETTINGS_FLAGS, settingsFromFlags } from '../cli/settings-flags.js';
import { COMMAND_SCHEMAS, DEFAULT_RUN_SETTINGS, FAULT_KINDS, FaultSettingsPatchSchema, NO_FAULTS, RunSettingsSchema } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { openJournalToRead } from '../journal/journal-to-read.js';
import { settingsAt } from '../journal/settings-at.js';
import { Engine } from '../scheduler/engine.js';
import { pipelineDir, runCli } from './helpers.js';

/** One photo, loaded and blurred: the quickest run that journals its settings. */
const tiny = {
  name: 'tiny',
  nodes: [
    { id: 'a', op: 'load', params: { path: 'photos/chelsea.png' } },
    { id: 'b', op: 'blur', params: { sigma: 1 }, inputs: ['a'] },
  ],
};

function journaledSettings(journalPath: string) {
  const reading = openJournalToRead(journalPath);
  try {
    return settingsAt(reading.journal);
  } finally {
    reading.close();
  }
}

/** Every flag the settings schemas imply: a field's name in kebab-case, a chance as KIND-chance. */
const EXPECTED_FLAGS = [
  'seed',
  'throttle-ms',
  ...FAULT_KINDS.map((kind) => `${kind}-chance`),
  ...Object.keys(RunSettingsSchema.shape).map(kebabCase),
];

test('run --help and faultline --help list a flag for every field of the settings schemas, with its bounds', async () => {
  assert.deepEqual(SETTINGS_FLAGS.map((f) => f.name).sort(), [...EXPECTED_FLAGS].sort());
  for (const args of [['run', '--help'], ['--help']]) {
    const r = await runCli(args);
    assert.equal(r.code, 0, r.stderr);
    for (const flag of EXPECTED_FLAGS) assert.match(r.stdout, new RegExp(`^  --${flag} `, 'm'), `${args.join(' ')} lists --${flag}`);
    assert.match(r.stdout, /--max-attempts N +attempts before a task is dead \(1 to 50, default 5\)/);
    assert.match(r.stdout, /--error-chance X +chance an attempt throws \(0 to 1, default 0\)/);
  }
});

test('flags derived from the schemas reach the journaled settings; a flag left out overrides nothing but its default', async () => {
  const { dir, file } = pipelineDir(tiny);
  const journal = join(dir, 'j.db');
  const out = join(dir, 'out');
  // A per-node override, as the UI sets it: no flag names it, so no run may drop it.
  const override = { b: { chances: { panic: 0 } } };
  const first = await Engine.open({ journalPath: journal, outDir: out, pipelinePath: file, faults: { overrides: override } });
  await first.close();

  const flags = [
    '--seed',
    '42',
    '--error-chance',
    '0.25',
    '--throttle-ms',
    '10',
    '--workers',
    '3',
    '--timeout-ms',
    '2000',
    '--max-attempts',
    '20',
    '--backoff-base-ms',
    '1',
    '--backoff-max-ms',
    '2',
  ];
  const r = await runCli(['run', file, '--journal', journal, '--out', out, ...flags]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(journaledSettings(journal), {
    faults: { seed: 42, throttleMs: 10, chances: { ...NO_FAULTS.chances, error: 0.25 }, overrides: override },
    settings: { workers: 3, timeoutMs: 2000, maxAttempts: 20, backoffBaseMs: 1, backoffMaxMs: 2 },
  });

  // A run is exactly its flags: what this one leaves out is the default again, never a value
  // from the last run, and never a default slipped in by a partial schema (the overrides stay).
  const again = await runCli(['run', file, '--journal', journal, '--out', out, '--max-attempts', '7']);
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.deepEqual(journaledSettings(journal), {
    faults: { ...NO_FAULTS, overrides: override },
    settings: { ...DEFAULT_RUN_SETTINGS, maxAttempts: 7 },
  });
});

test('an out-of-range or malformed value is a usage error naming the flag and its bounds, before any journal is made', async () => {
  const { dir, file } = pipelineDir(tiny);
  const journal = join(dir, 'j.db');
  const cases: Array<[string[], RegExp]> = [
    [['--max-attempts', '51'], /faultline run: usage: --max-attempts must be a whole number from 1 to 50, got "51"/],
    [['--workers', '1.5'], /--workers must be a whole number from 1 to 16, got "1\.5"/],
    [['--hang-chance=-0.1'], /--hang-chance must be a number from 0 to 1, got "-0\.1"/],
    [['--seed', ''], /--seed must be a whole number from 0 to 2147483647, got ""/],
    [['--timeout-ms', 'soon'], /--timeout-ms must be a whole number from 50 to 600000, got "soon"/],
    [['--max-pixels', '0'], /--max-pixels must be a whole number from 1 to 10000000000, got "0"/],
    // The schema's rule across fields, against the flags: the cap left at its default is below the start.
    [['--backoff-base-ms', '9000'], /--backoff-max-ms \(5000 when not given\): backoffMaxMs must be at least backoffBaseMs/],
    [['--timeout-s', '9'], /unknown flag --timeout-s: did you mean --timeout-ms or --timeout\?/],
  ];
  for (const [flags, message] of cases) {
    const r = await runCli(['run', file, '--journal', journal, '--out', join(dir, 'out'), ...flags]);
    assert.equal(r.code, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  assert.equal(existsSync(journal), false, 'refused before the engine opened anything');
});

test('the names flags had before they came from the schemas still work', () => {
  const old = settingsFromFlags({ throttle: '100', timeout: '900', 'backoff-ms': '7' });
  assert.equal(old.faults.throttleMs, 100);
  assert.deepEqual([old.settings.timeoutMs, old.settings.backoffBaseMs], [900, 7]);
});

test('parseFlags: a patch schema gains nothing for flags not given; a schema with request defaults fills them', () => {
  assert.deepEqual(parseFlags(FaultSettingsPatchSchema, SETTINGS_FLAGS, {}, {}), {});
  assert.deepEqual(parseFlags(FaultSettingsPatchSchema, SETTINGS_FLAGS, { 'crash-chance': '0.5' }, {}), { chances: { crash: 0.5 } });
  const gif = COMMAND_SCHEMAS['replay.exportGif'];
  const gifFlags = schemaFlags(gif, { width: 'w', fps: 'f', speed: 's', maxIdleMs: 'm' });
  assert.deepEqual(
    gifFlags.map((f) => [f.name, f.minimum, f.maximum, f.integer]),
    [
      ['width', 200, 1920, true],
      ['fps', 1, 30, true],
      ['speed', 0.25, 1000, false],
      ['max-idle-ms', 0, 3_600_000, true],
    ],
  );
  assert.deepEqual(parseFlags(gif, gifFlags, { fps: '5' }, {}), { ...gif.parse({}), fps: 5 });
  assert.throws(
    () => parseFlags(gif, gifFlags, { width: '100', fps: '99' }, {}),
    (e: unknown) =>
      e instanceof EngineError &&
      e.kind === 'usage' &&
      /--width .*200 to 1920, got "100"/.test(e.message) &&
      /--fps .*1 to 30, got "99"/.test(e.details.join()),
  );
});
