/**
 * A fixed-capacity ring buffer: the newest `capacity` items, oldest first. Diagnostics keep the
 * last events this way so a long-running tray app never grows its log without bound.
 */
export class RingBuffer<T> {
  private readonly items: Array<T | undefined>
  private next = 0
  private count = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be ≥ 1')
    this.items = new Array<T | undefined>(capacity)
  }

  get size(): number {
    return this.count
  }

  /** Adds an item; returns the one it overwrote when the buffer was full. */
  push(item: T): T | undefined {
    const evicted = this.count === this.capacity ? this.items[this.next] : undefined
    this.items[this.next] = item
    this.next = (this.next + 1) % this.capacity
    if (this.count < this.capacity) this.count++
    return evicted
  }

  toArray(): T[] {
    const out: T[] = []
    const start = (this.next - this.count + this.capacity) % this.capacity
    for (let i = 0; i < this.count; i++) out.push(this.items[(start + i) % this.capacity] as T)
    return out
  }

  clear(): void {
    this.items.fill(undefined)
    this.next = 0
    this.count = 0
  }
}
