import { eventNames, type EventName } from '@shared/api/events'

type Listener = (payload: unknown) => void

const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 10_000

/**
 * The WebSocket on /api/events of `castor serve`, reconnecting with exponential backoff.
 * It connects on the first listener; `onReconnect` listeners run after a connection comes back,
 * so stores can re-read what they may have missed while it was down.
 */
export class EventSocket {
  private socket: WebSocket | null = null
  private retryMs = FIRST_RETRY_MS
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private connectedBefore = false
  private readonly listeners = new Map<EventName, Set<Listener>>()
  private readonly reconnectListeners = new Set<() => void>()

  constructor(private readonly url: string) {}

  on(name: EventName, listener: Listener): () => void {
    let set = this.listeners.get(name)
    if (!set) this.listeners.set(name, (set = new Set()))
    set.add(listener)
    this.connect()
    return () => set.delete(listener)
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  private connect(): void {
    if (this.socket || this.retryTimer) return
    const socket = new WebSocket(this.url)
    this.socket = socket
    socket.addEventListener('open', () => {
      this.retryMs = FIRST_RETRY_MS
      if (this.connectedBefore) for (const listener of this.reconnectListeners) listener()
      this.connectedBefore = true
    })
    socket.addEventListener('message', (message) => this.deliver(message.data))
    socket.addEventListener('close', () => {
      this.socket = null
      this.scheduleReconnect()
    })
  }

  private scheduleReconnect(): void {
    if (this.retryTimer) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      this.connect()
    }, this.retryMs)
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS)
  }

  private deliver(data: unknown): void {
    if (typeof data !== 'string') return
    let message: { event?: unknown; payload?: unknown }
    try {
      message = JSON.parse(data) as typeof message
    } catch {
      return
    }
    if (typeof message.event !== 'string' || !(eventNames as string[]).includes(message.event)) return
    for (const listener of this.listeners.get(message.event as EventName) ?? []) listener(message.payload)
  }
}
