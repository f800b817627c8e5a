import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventBus } from '../../host/eventBus'

const PING_INTERVAL_MS = 30_000

/** Pushes every host event to the connected browsers as `{ event, payload }` JSON. Clients send nothing. */
export class EventSocket {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 4096 })
  private readonly alive = new WeakSet<WebSocket>()
  private readonly unsubscribe: () => void
  private readonly pinger: NodeJS.Timeout

  constructor(events: EventBus) {
    this.unsubscribe = events.subscribe((event, payload) => {
      const message = JSON.stringify({ event, payload })
      for (const client of this.server.clients) if (client.readyState === client.OPEN) client.send(message)
    })
    this.server.on('connection', (socket) => {
      this.alive.add(socket)
      socket.on('pong', () => this.alive.add(socket))
      socket.on('message', () => socket.close(1003, 'This socket only sends'))
      socket.on('error', () => socket.terminate())
    })
    // Drop clients that vanished without closing (a sleeping laptop), so they do not pile up.
    this.pinger = setInterval(() => {
      for (const client of this.server.clients) {
        if (!this.alive.has(client)) client.terminate()
        else {
          this.alive.delete(client)
          client.ping()
        }
      }
    }, PING_INTERVAL_MS)
    this.pinger.unref()
  }

  accept(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (client) => this.server.emit('connection', client, request))
  }

  close(): void {
    clearInterval(this.pinger)
    this.unsubscribe()
    for (const client of this.server.clients) client.terminate()
    this.server.close()
  }
}
