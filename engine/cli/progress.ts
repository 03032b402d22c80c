/** Where progress goes: stderr, so that stdout stays the command's result (`--json` included). */
export interface ProgressOut {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  out?: ProgressOut;
  /** One redrawn line; false when piped or under CI, where a log wants whole lines. */
  tty?: boolean;
  now?: () => number;
  /** Plain mode: at most one progress line this often (the final state is always printed). */
  plainEveryMs?: number;
  /** Plain mode: notes beyond this many are left out, once saying so with `omittedHint`. */
  maxNotes?: number;
  omittedHint?: string;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/**
 * The CLI's one progress renderer (runs, replays, verifications). On a terminal: one line
 * redrawn in place, a bar and the latest state, with notes (faults, recoveries) scrolling
 * above it. Piped or under CI: plain timestamped lines, a progress line every few seconds,
 * every note up to a cap. Either way the final state is the last line printed.
 */
export class Progress {
  private readonly out: ProgressOut;
  private readonly tty: boolean;
  private readonly now: () => number;
  private readonly started: number;
  private state: { done: number; total: number; text: string } | null = null;
  private lastDrawn = Number.NEGATIVE_INFINITY;
  private lastPlainText: string | null = null;
  private notes = 0;
  private readonly timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ProgressOptions = {}) {
    this.out = options.out ?? process.stderr;
    this.tty = options.tty ?? (Boolean(this.out.isTTY) && process.env.CI !== 'true');
    this.now = options.now ?? Date.now;
    this.started = this.now();
    // The clock on the line keeps moving while nothing happens (a hang waiting for its timeout).
    if (this.tty) this.timer = setInterval(() => this.draw(), 250).unref();
  }

  update(done: number, total: number, text: string): void {
    this.state = { done, total, text };
    if (this.tty) {
      if (this.now() - this.lastDrawn >= REDRAW_MS) this.draw();
    } else if (this.now() - this.lastDrawn >= (this.options.plainEveryMs ?? 3_000)) {
      this.plain();
    }
  }

  /** A line of its own (a fault, a recovery), kept above the progress line. */
  note(line: string): void {
    const max = this.options.maxNotes ?? Number.POSITIVE_INFINITY;
    if (this.tty) {
      this.out.write(`\r\x1b[2K${this.clock()} ${line}\n`);
      this.draw();
    } else if (this.notes++ < max) {
      this.out.write(`${this.clock()} ${line}\n`);
    } else if (this.notes === max + 1) {
      this.out.write(`${this.clock()} (further lines omitted${this.options.omittedHint ? `; ${this.options.omittedHint}` : ''})\n`);
    }
  }

  /** Prints the final state (unless it is the line just printed) and stops redrawing. */
  finish(): void {
    if (this.timer) clearInterval(this.timer);
    if (!this.state) return;
    if (this.tty) {
      this.draw();
      this.out.write('\n');
    } else if (this.lastPlainText !== this.state.text) {
      this.plain();
    }
  }

  private draw(): void {
    if (!this.state) return;
    this.lastDrawn = this.now();
    const { done, total, text } = this.state;
    const filled = Math.min(BAR_WIDTH, Math.round((done / Math.max(1, total)) * BAR_WIDTH));
    this.out.write(`\r\x1b[2K${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${text} ${this.clock()}`);
  }

  private plain(): void {
    if (!this.state) return;
    this.lastDrawn = this.now();
    this.lastPlainText = this.state.text;
    this.out.write(`${this.clock()} ${this.state.text}\n`);
  }

  private clock(): string {
    return `[${((this.now() - this.started) / 1000).toFixed(1).padStart(6)} s]`;
  }
}
