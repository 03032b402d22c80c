import { EVENT_BATCH_MS, type EngineEvent, type EventBatch } from '../contract/index.js';

/**
 * Collects engine events and flushes them at most once per EVENT_BATCH_MS, so a run of
 * 100,000 tasks cannot flood a UI. Task changes are concatenated; item counts, which name only
 * the mapped nodes that changed, are merged (the later count of a node wins); for the other
 * kinds only the latest matters, so later ones replace earlier ones within a batch.
 */
export class EventBatcher {
  private pending: EngineEvent[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly flush: (batch: EventBatch) => void,
    private readonly intervalMs = EVENT_BATCH_MS,
  ) {}

  push(event: EngineEvent): void {
    if (event.kind === 'tasks') {
      const last = this.pending.at(-1);
      if (last?.kind === 'tasks') last.changes.push(...event.changes);
      else this.pending.push({ kind: 'tasks', changes: [...event.changes] });
    } else {
      const earlier = event.kind === 'items' ? this.pending.find((e) => e.kind === 'items') : undefined;
      this.pending = this.pending.filter((e) => e.kind !== event.kind || e.kind === 'export');
      // Dropping an earlier items event would lose the nodes only it named (a batch once ended
      // with a folder node stuck at 12 of 30 photos while its run had finished).
      this.pending.push(earlier?.kind === 'items' && event.kind === 'items' ? { kind: 'items', items: { ...earlier.items, ...event.items } } : event);
    }
    this.timer ??= setTimeout(() => this.send(), this.intervalMs);
  }

  private send(): void {
    this.timer = null;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.flush({ kind: 'batch', events });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
