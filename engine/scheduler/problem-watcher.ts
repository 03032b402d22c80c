import type { NodeProblem } from '../graph/validate-pipeline.js';

/** By node id, one line per node (its messages joined). */
export type ProblemsByNode = Record<string, string>;

/** What stops each node from running, and what does not stop it but is worth knowing. */
export interface NodeFindings {
  problems: ProblemsByNode;
  notes: ProblemsByNode;
}

const byNode = (found: readonly NodeProblem[]): ProblemsByNode => {
  const lines: ProblemsByNode = {};
  for (const p of found) lines[p.nodeId] = lines[p.nodeId] ? `${lines[p.nodeId]}; ${p.message}` : p.message;
  return lines;
};

/**
 * Checks the graph again after every edit, so a node shows what is wrong with it as the
 * person edits (not only when Run refuses): one check at a time, and edits made during a
 * check ask for one more. A check reads photo headers, so it runs off the edit's own path.
 */
export class ProblemWatcher {
  private current: NodeFindings = { problems: {}, notes: {} };
  private checking = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly check: () => Promise<NodeProblem[]>,
    private readonly onChange: (findings: NodeFindings) => void,
  ) {}

  get byNode(): NodeFindings {
    return this.current;
  }

  /** The result of a check made elsewhere (run start): shown at once. */
  set(found: readonly NodeProblem[]): void {
    const next: NodeFindings = {
      problems: byNode(found.filter((p) => p.blocking)),
      notes: byNode(found.filter((p) => !p.blocking)),
    };
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
