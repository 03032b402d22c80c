/**
 * The tasks that can run, in the order they will: first those put `next` (last in, first out),
 * then the rest first in, first out. Children of a task that just completed go `next`, so a
 * chain runs depth-first, like a hand-written loop would: its pixels are still in the worker's
 * memory and the CPU's caches, and the run holds few intermediates at once.
 * O(1) per operation, for runs of 100,000 tasks.
 */
export class ReadyQueue {
  private readonly nextUp: number[] = [];
  private items: number[] = [];
  private head = 0;

  get size(): number {
    return this.nextUp.length + this.items.length - this.head;
  }

  push(id: number): void {
    this.items.push(id);
  }

  pushNext(id: number): void {
    this.nextUp.push(id);
  }

  shift(): number | undefined {
    if (this.nextUp.length > 0) return this.nextUp.pop();
    if (this.head >= this.items.length) return undefined;
    const id = this.items[this.head++];
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return id;
  }

  /** Puts ids back at the front, in order (tasks that found no free worker this time). */
  unshift(ids: readonly number[]): void {
    for (let i = ids.length - 1; i >= 0; i--) this.nextUp.push(ids[i]!);
  }
}
