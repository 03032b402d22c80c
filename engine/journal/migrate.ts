import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Whether a Faultline that does not know this migration must refuse the journal. Declared
   * by the file's `-- breaking: no` line; a file without one is breaking, the safe guess.
   */
  breaking: boolean;
}

/** From dist/engine/journal/ (compiled) the repository's migrations/ folder is three levels up. */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(dir + f, 'utf8');
      return { version: Number(f.slice(0, 4)), name: f, sql, breaking: !/^-- breaking: no\r?$/m.test(sql) };
    });
}

/** Another program's SQLite file must not gain our tables because someone pointed --journal at it. */
export function refuseForeignDatabase(db: Database.Database): void {
  const tables = (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>
  ).map((t) => t.name);
  // Ours has both: migrations run in a transaction, so a schema_migrations without events is someone else's.
  const ours = tables.includes('schema_migrations') && tables.includes('events');
  if (tables.length > 0 && !ours) {
    throw new EngineError(
      'journal_mismatch',
      `${db.name} is an SQLite database but not a Faultline journal (it has tables ${tables.slice(0, 5).join(', ')}); choose another --journal file`,
    );
  }
}

export const latestVersion = (migrations: Migration[]): number => migrations.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Applies every migration newer than the journal's, each in its own transaction, recording it
 * in schema_migrations with whether it breaks older readers. A journal written by a newer
 * Faultline opens when none of the migrations we lack is breaking (they only added what we
 * never read); otherwise it is refused: guessing at a schema could lose the user's history.
 */
export function migrate(db: Database.Database, migrations = loadMigrations()): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('schema_migrations');
  // Rows written before this column existed are breaking: they were never declared otherwise.
  if (!columns.includes('breaking')) db.exec('ALTER TABLE schema_migrations ADD COLUMN breaking INTEGER NOT NULL DEFAULT 1');
  const latest = latestVersion(migrations);
  const unknown = db.prepare('SELECT version, name FROM schema_migrations WHERE version > ? AND breaking = 1 ORDER BY version').all(latest) as Array<{
    version: number;
    name: string;
  }>;
  if (unknown.length > 0) {
    throw new EngineError(
      'journal_newer',
      `this journal has schema version ${unknown[0]!.version} (${unknown[0]!.name}), newer than this Faultline understands (${latest}) and not readable by it; upgrade Faultline to open it`,
    );
  }
  const newer = db.prepare('SELECT version, name FROM schema_migrations WHERE version > ? ORDER BY version').all(latest) as Array<{ name: string }>;
  if (newer.length > 0) {
    console.warn(
      `faultline: this journal has migrations newer than this Faultline (${newer.map((m) => m.name).join(', ')}); none breaks it, so it opens`,
    );
  }
  const known = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at, breaking) VALUES (?, ?, ?, ?)');
  for (const m of migrations) {
    if (known.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now(), m.breaking ? 1 : 0);
    })();
    applied.push(m.version);
  }
  return { applied };
}
