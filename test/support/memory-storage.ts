/**
 * An in-memory `localStorage` for test and benchmark SDK instances. The SDK's Node default is ONE
 * module-level store shared by every SDK instance (docs/platform.md#sdk-token-storage), so each
 * SDK gets its own. The whole `Storage` interface, plus the `keys()` the SDK's `Cache.clean()`
 * calls.
 */
export class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>()
  get length(): number {
    return this.items.size
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
  clear(): void {
    this.items.clear()
  }
  keys(): string[] {
    return [...this.items.keys()]
  }
}
