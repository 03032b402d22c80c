import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** From dist/engine/journal/ (compiled) the repository's migrations/ folder is three levels up. */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: readFileSync(dir + f, 'utf8') }));
}

/** Another program's SQLite file must not gain our tables because someone pointed --journal at it. */
export function refuseForeignDatabase(db: Database.Database): void {
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>).map((t) => t.name);
  // Ours has both: migrations run in a transaction, so a schema_migrations without events is someone else's.
  const ours = tables.includes('schema_migrations') && tables.includes('events');
  if (tables.length > 0 && !ours) {
    throw new EngineError('journal_mismatch', `${db.name} is an SQLite database but not a Faultline journal (it has tables ${tables.slice(0, 5).join(', ')}); choose another --journal file`);
  }
}

export const latestVersion = (migrations: Migration[]): number =>
  migrations.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Applies every migration newer than the journal's, each in its own transaction, recording it
 * in schema_migrations. Refuses a journal written by a newer Faultline: guessing at a schema we
 * do not know could lose the user's history.
 */
export function migrate(db: Database.Database, migrations = loadMigrations()): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const current = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new EngineError(
      'journal_newer',
      `this journal is at schema version ${current}, newer than this Faultline understands (${latest}); upgrade Faultline to open it`,
    );
  }
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    })();
    applied.push(m.version);
  }
  return { applied };
}
