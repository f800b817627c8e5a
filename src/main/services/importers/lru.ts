/**
 * A bounded cache with two generations of Maps: hits in the young one cost one lookup; when the young one is
 * full it becomes the old one (whose entries are promoted when used again) and the previous old one is dropped.
 * An approximation of least-recently-used that keeps an import's memory bounded however long the file, at
 * most `capacity` entries, without reordering on every hit.
 */
export class Lru<K, V> {
  private young = new Map<K, V>()
  private old = new Map<K, V>()
  private readonly generation: number

  constructor(capacity: number) {
    this.generation = Math.max(1, capacity >> 1)
  }

  get(key: K): V | undefined {
    const value = this.young.get(key)
    if (value !== undefined) return value
    const aged = this.old.get(key)
    if (aged !== undefined) this.set(key, aged)
    return aged
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.generation && !this.young.has(key)) {
      this.old = this.young
      this.young = new Map()
    }
    this.young.set(key, value)
  }

  get size(): number {
    return this.young.size + this.old.size
  }
}
