/** A FIFO of task ids with O(1) shift, for runs of 100,000 tasks. */
export class ReadyQueue {
  private items: number[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(id: number): void {
    this.items.push(id);
  }

  shift(): number | undefined {
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
    if (ids.length === 0) return;
    this.items = [...ids, ...this.items.slice(this.head)];
    this.head = 0;
  }
}
