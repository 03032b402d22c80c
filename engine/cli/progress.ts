import type { Counters, EngineEvent, JournalRow } from '../contract/index.js';

const NOTABLE = new Set(['failed', 'dead', 'blocked', 'cancelled']);
const MAX_PLAIN_LINES = 300;

/**
 * Shows a run's progress: on a terminal one redrawn line (a bar, counts per status, retries);
 * otherwise plain lines for each fault and recovery, and a summary line every few seconds.
 */
export class ProgressDisplay {
  private counters: Counters | null = null;
  private readonly started = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private plainLines = 0;
  private lastPlainSummary = 0;

  constructor(
    private readonly total: () => number,
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly tty = Boolean(process.stdout.isTTY) && process.env.CI !== 'true',
  ) {
    if (this.tty) this.timer = setInterval(() => this.redraw(), 100);
  }

  onEvent(event: EngineEvent): void {
    if (event.kind === 'counters') this.counters = event.counters;
    if (event.kind === 'tasks') for (const row of event.changes) this.onRow(row);
    if (!this.tty && Date.now() - this.lastPlainSummary > 3_000 && this.counters) {
      this.lastPlainSummary = Date.now();
      this.out.write(`${this.clock()} ${this.summaryLine()}\n`);
    }
  }

  private onRow(row: JournalRow): void {
    const recovery = row.status === 'pending' && row.errorKind !== null;
    if (!NOTABLE.has(row.status) && !recovery) return;
    const line = `${this.clock()} ${row.nodeId} ${recovery ? 'recovering' : row.status}: ${row.errorKind ?? ''}${row.errorMessage ? ` (${row.errorMessage})` : ''}${row.message ? ` — ${row.message}` : ''}`;
    if (this.tty) {
      this.out.write(`\r\x1b[2K${line}\n`);
      this.redraw();
    } else if (this.plainLines++ < MAX_PLAIN_LINES) {
      this.out.write(`${line}\n`);
    } else if (this.plainLines === MAX_PLAIN_LINES + 1) {
      this.out.write(`${this.clock()} (further fault lines omitted; see \`faultline inspect\`)\n`);
    }
  }

  private clock(): string {
    return `[${((Date.now() - this.started) / 1000).toFixed(1).padStart(6)} s]`;
  }

  private summaryLine(): string {
    const c = this.counters;
    if (!c) return '';
    const s = c.byStatus;
    return `${s.completed}/${this.total()} completed · running ${s.running} · failed ${s.failed} · dead ${s.dead} · blocked ${s.blocked} · retries ${c.retries} · recoveries ${c.recoveries} · ${c.throughput}/s`;
  }

  private redraw(): void {
    if (!this.counters) return;
    const width = 24;
    const done = Math.round((this.counters.byStatus.completed / Math.max(1, this.total())) * width);
    const bar = `${'█'.repeat(done)}${'░'.repeat(width - done)}`;
    this.out.write(`\r\x1b[2K${bar} ${this.summaryLine()} ${this.clock()}`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.tty) this.redraw();
    this.out.write(this.tty ? '\n' : `${this.clock()} ${this.summaryLine()}\n`);
  }
}
