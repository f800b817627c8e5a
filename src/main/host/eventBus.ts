import type { EventName, EventPayload } from '@shared/api/events'

export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void

/** Fans host events out to every connected transport (the Electron window, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>()

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const listener of this.listeners) listener(name, payload)
  }
}
