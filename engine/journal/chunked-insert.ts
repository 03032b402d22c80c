import type Database from 'better-sqlite3';

/** Rows per statement: past ~16 the gain flattens (measured on events and task inputs). */
const ROWS_PER_STATEMENT = 16;

/**
 * An INSERT of many rows, sixteen to a statement. Each statement run is a crossing into native
 * code with setup of its own; importing 100,000 tasks with 200,000 inputs spent about half its
 * insert time there. Rows come as one flat list of values, a row's columns after another: that
 * is also how they cross between threads cheaply (one array, not an array per row).
 */
export class ChunkedInsert {
  private readonly one: Database.Statement;
  private readonly many: Database.Statement;
  /** Values per row. */
  private readonly width: number;

  constructor(db: Database.Database, table: string, columns: readonly string[]) {
    const sql = (rows: number) =>
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;
    this.width = columns.length;
    this.one = db.prepare(sql(1));
    this.many = db.prepare(sql(ROWS_PER_STATEMENT));
  }

  /**
   * Inserts the rows (inside the caller's transaction) and returns their rowids, in order: within
   * one statement they are consecutive, as each new rowid is the table's largest plus one (one
   * writer at a time).
   */
  run(values: readonly unknown[]): number[] {
    const { width } = this;
    const rows = values.length / width;
    const ids: number[] = new Array(rows);
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= rows; i += ROWS_PER_STATEMENT) {
      const last = Number(this.many.run(values.slice(i * width, (i + ROWS_PER_STATEMENT) * width)).lastInsertRowid);
      for (let k = 0; k < ROWS_PER_STATEMENT; k++) ids[i + k] = last - ROWS_PER_STATEMENT + 1 + k;
    }
    for (; i < rows; i++) ids[i] = Number(this.one.run(values.slice(i * width, (i + 1) * width)).lastInsertRowid);
    return ids;
  }
}
