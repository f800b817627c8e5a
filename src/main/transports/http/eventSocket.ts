import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Caller } from '@shared/api/access'
import type { EventName, EventPayload } from '@shared/api/events'
import { projectInfoFor } from '../../handlers/projectInfoView'
import type { EventBus } from '../../host/eventBus'
import type { Credential, ResolveCredential } from './auth'

const PING_INTERVAL_MS = 30_000

/**
 * The events an annotator's browser receives. Everything else (job progress, lead progress, anything a domain
 * adds later) goes to owners and leads only, so no event can carry another annotator's or the judge's score to
 * an annotator unless it is added here on purpose.
 */
export const annotatorEvents: ReadonlySet<EventName> = new Set<EventName>(['project-changed'])

export function mayReceive(caller: Caller, event: EventName): boolean {
  return caller.role !== 'annotator' || annotatorEvents.has(event)
}

/** An event's payload as `caller` may see it: the project's file path is the owner's only. */
function payloadFor<K extends EventName>(caller: Caller, event: K, payload: EventPayload<K>): EventPayload<K> {
  if (event !== 'project-changed') return payload
  return projectInfoFor(caller, payload as EventPayload<'project-changed'>) as EventPayload<K>
}

/**
 * Pushes host events to the connected browsers as `{ event, payload }` JSON, each filtered for its caller. The
 * caller is resolved again from the socket's credential before each send, so a revoked link or a changed role takes
 * effect on open sockets too (a revoked one is closed). Clients send nothing.
 */
export class EventSocket {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 4096 })
  private readonly alive = new WeakSet<WebSocket>()
  private readonly credentials = new WeakMap<WebSocket, Credential>()
  private readonly unsubscribe: () => void
  private readonly pinger: NodeJS.Timeout

  constructor(
    events: EventBus,
    private readonly resolve: ResolveCredential,
  ) {
    this.unsubscribe = events.subscribe((event, payload) => {
      const messages = new Map<string, string>()
      for (const client of this.server.clients) {
        if (client.readyState !== client.OPEN) continue
        const caller = this.callerOf(client)
        if (!caller) {
          client.close(4401, 'Signed out')
          continue
        }
        if (!mayReceive(caller, event)) continue
        const audience = caller.role === 'owner' ? 'owner' : 'member'
        let message = messages.get(audience)
        if (message === undefined) {
          message = JSON.stringify({ event, payload: payloadFor(caller, event, payload) })
          messages.set(audience, message)
        }
        client.send(message)
      }
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

  private callerOf(client: WebSocket): Caller | null {
    const credential = this.credentials.get(client)
    return credential ? this.resolve(credential) : null
  }

  accept(request: IncomingMessage, socket: Duplex, head: Buffer, credential: Credential): void {
    this.server.handleUpgrade(request, socket, head, (client) => {
      this.credentials.set(client, credential)
      this.server.emit('connection', client, request)
    })
  }

  close(): void {
    clearInterval(this.pinger)
    this.unsubscribe()
    for (const client of this.server.clients) client.terminate()
    this.server.close()
  }
}
