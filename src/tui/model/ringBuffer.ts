/** A fixed-capacity FIFO: pushing into a full buffer drops the oldest item. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`invalid ring buffer capacity ${capacity}: expected a positive integer`);
    }
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) {
      this.count++;
    } else {
      this.start = (this.start + 1) % this.capacity;
    }
  }

  /** Returns the items oldest first, optionally only those matching `keep`. */
  toArray(keep?: (item: T) => boolean): T[] {
    const result: T[] = [];
    for (let offset = 0; offset < this.count; offset++) {
      const item = this.items[(this.start + offset) % this.capacity] as T;
      if (!keep || keep(item)) result.push(item);
    }
    return result;
  }
}
