import type { NodeProblem } from '../graph/validate-pipeline.js';

/** What stops each node from running, by node id: one line per node (its problems joined). */
export type ProblemsByNode = Record<string, string>;

/**
 * Checks the graph again after every edit, so a node shows what is wrong with it as the
 * person edits (not only when Run refuses): one check at a time, and edits made during a
 * check ask for one more. A check reads photo headers, so it runs off the edit's own path.
 */
export class ProblemWatcher {
  private current: ProblemsByNode = {};
  private checking = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly check: () => Promise<NodeProblem[]>,
    private readonly onChange: (problems: ProblemsByNode) => void,
  ) {}

  get byNode(): ProblemsByNode {
    return this.current;
  }

  /** The result of a check made elsewhere (run start): shown at once. */
  set(problems: readonly NodeProblem[]): void {
    const next: ProblemsByNode = {};
    for (const p of problems) next[p.nodeId] = next[p.nodeId] ? `${next[p.nodeId]}; ${p.message}` : p.message;
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    this.onChange(next);
  }

  refresh(): void {
    this.again = true;
    if (!this.checking) void this.loop();
  }

  stop(): void {
    this.stopped = true;
  }

  private async loop(): Promise<void> {
    this.checking = true;
    while (this.again && !this.stopped) {
      this.again = false;
      const found = await this.check().catch(() => null);
      if (found && !this.stopped) this.set(found);
    }
    this.checking = false;
  }
}
