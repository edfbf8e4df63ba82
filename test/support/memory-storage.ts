/**
 * An in-memory `localStorage` for test SDK instances. The SDK's Node default is ONE module-level
 * store shared by every SDK instance (docs/platform.md#sdk-token-storage), so each test SDK gets
 * its own.
 */
export class MemoryStorage {
  private readonly items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
  removeItem(key: string): void {
    this.items.delete(key)
  }
  keys(): string[] {
    return [...this.items.keys()]
  }
}
