/**
 * A list kept in comparator order, stored as chunks of a few hundred items
 * (the layout of Python's sortedcontainers). An insert or a removal finds
 * its chunk by binary search over the chunks' last items and moves only that
 * chunk's items, so it costs O(log n + chunk load) instead of the O(n) of
 * one flat array. Reading a position uses each chunk's offset, recomputed
 * once after a batch of changes.
 *
 * The comparator must be a total order over the items: it returns 0 only for
 * the same item, so that `remove` and `indexOf` find exactly one.
 */

/** The default chunk load: chunks are split above twice the load and merged with a neighbour below half of it. */
const DEFAULT_CHUNK_LOAD = 512;

export class SortedList<T> {
  private chunks: T[][] = [];
  /** Items before each chunk; valid while `offsetsStale` is false. */
  private offsets: number[] = [];
  private offsetsStale = false;
  private count = 0;

  constructor(
    private readonly compare: (a: T, b: T) => number,
    private readonly chunkLoad = DEFAULT_CHUNK_LOAD,
  ) {}

  get length(): number {
    return this.count;
  }

  /** Replaces the contents with `items`, which are sorted in place. */
  reset(items: T[]): void {
    items.sort(this.compare);
    this.chunks = [];
    for (let start = 0; start < items.length; start += this.chunkLoad) this.chunks.push(items.slice(start, start + this.chunkLoad));
    this.count = items.length;
    this.offsetsStale = true;
  }

  insert(item: T): void {
    this.offsetsStale = true;
    this.count++;
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      return;
    }
    // Past the last chunk's last item, the item goes at the end of the last chunk.
    const chunkIndex = Math.min(this.chunkFor(item), this.chunks.length - 1);
    const chunk = this.chunks[chunkIndex];
    chunk.splice(lowerBound(chunk, item, this.compare), 0, item);
    if (chunk.length > 2 * this.chunkLoad) this.chunks.splice(chunkIndex, 1, chunk.slice(0, this.chunkLoad), chunk.slice(this.chunkLoad));
  }

  /** Removes the item that compares equal to `item`; returns whether there was one. */
  remove(item: T): boolean {
    const chunkIndex = this.chunkFor(item);
    if (chunkIndex === this.chunks.length) return false;
    const chunk = this.chunks[chunkIndex];
    const position = lowerBound(chunk, item, this.compare);
    if (position === chunk.length || this.compare(chunk[position], item) !== 0) return false;

    chunk.splice(position, 1);
    this.count--;
    this.offsetsStale = true;
    if (chunk.length === 0) {
      this.chunks.splice(chunkIndex, 1);
    } else if (chunk.length < this.chunkLoad / 2 && chunkIndex + 1 < this.chunks.length && chunk.length + this.chunks[chunkIndex + 1].length <= 2 * this.chunkLoad) {
      this.chunks.splice(chunkIndex, 2, chunk.concat(this.chunks[chunkIndex + 1]));
    }
    return true;
  }

  /** Returns the position of the item that compares equal to `item`, or -1. */
  indexOf(item: T): number {
    const chunkIndex = this.chunkFor(item);
    if (chunkIndex === this.chunks.length) return -1;
    const chunk = this.chunks[chunkIndex];
    const position = lowerBound(chunk, item, this.compare);
    if (position === chunk.length || this.compare(chunk[position], item) !== 0) return -1;
    return this.chunkOffsets()[chunkIndex] + position;
  }

  /** Returns the item at a position, or undefined outside 0 to length - 1. */
  at(index: number): T | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const offsets = this.chunkOffsets();
    // The last chunk whose offset is at most `index`.
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (offsets[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return this.chunks[low][index - offsets[low]];
  }

  /** Returns every item in order. */
  toArray(): T[] {
    return this.chunks.flat();
  }

  /** Returns the index of the first chunk whose last item does not sort before `item`, or the chunk count. */
  private chunkFor(item: T): number {
    let low = 0;
    let high = this.chunks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const chunk = this.chunks[middle];
      if (this.compare(chunk[chunk.length - 1], item) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private chunkOffsets(): number[] {
    if (!this.offsetsStale) return this.offsets;
    this.offsets = new Array<number>(this.chunks.length);
    let total = 0;
    for (let index = 0; index < this.chunks.length; index++) {
      this.offsets[index] = total;
      total += this.chunks[index].length;
    }
    this.offsetsStale = false;
    return this.offsets;
  }
}

/** Returns the first position in a sorted array whose item does not sort before `item`. */
function lowerBound<T>(items: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(items[middle], item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
