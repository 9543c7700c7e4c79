/**
 * @slack/socket-mode reads `event.payload.event.type` from every frame without checking it, inside
 * an async listener: a `null` frame, `payload: null`, a string payload or an events_api envelope
 * without `event` becomes an unhandled rejection that ends the whole process (Teams and the web
 * page with it). Frames are checked here first; a malformed one is logged, acknowledged when it
 * names an envelope (so Slack does not send it again) and dropped.
 */
import { SocketModeClient } from '@slack/socket-mode';
import type WebSocket from 'ws';

type Frame = Record<string, unknown>;

const isObject = (v: unknown): v is Frame => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why the frame cannot be handed to the client, or undefined when it can. */
export function frameProblem(frame: unknown): string | undefined {
  if (!isObject(frame)) return `the frame is ${frame === null ? 'null' : Array.isArray(frame) ? 'an array' : typeof frame}, not an object`;
  if (typeof frame.type !== 'string') return 'the frame has no type';
  if (frame.type === 'hello' || frame.type === 'disconnect') return undefined;
  if (frame.envelope_id !== undefined && typeof frame.envelope_id !== 'string') return 'envelope_id is not a string';
  if (!isObject(frame.payload)) return `the ${frame.type} payload is ${frame.payload === null ? 'null' : typeof frame.payload}, not an object`;
  if (frame.type === 'events_api') {
    const event = frame.payload.event;
    if (!isObject(event) || typeof event.type !== 'string') return 'the events_api payload has no event with a type';
  }
  return undefined;
}

export class GuardedSocketModeClient extends SocketModeClient {
  /** Set by the owner: one line per dropped frame. */
  onDropped: (why: string) => void = () => undefined;

  protected override async onWebSocketMessage(data: WebSocket.RawData, isBinary: boolean): Promise<void> {
    try {
      if (!isBinary) {
        let frame: unknown;
        try {
          frame = JSON.parse(data.toString());
        } catch {
          this.onDropped('a Socket Mode frame that is not JSON');
          return;
        }
        const problem = frameProblem(frame);
        if (problem) {
          const id = isObject(frame) && typeof frame.envelope_id === 'string' ? frame.envelope_id : undefined;
          this.onDropped(`a malformed Socket Mode frame${id ? ` (envelope ${id.slice(0, 64)})` : ''}: ${problem}`);
          if (id) await (this as unknown as { send(envelopeId: string): Promise<void> }).send(id).catch(() => undefined);
          return;
        }
      }
      await super.onWebSocketMessage(data, isBinary);
    } catch (err) {
      // Whatever else the client trips over inside a listener must not end the process.
      this.onDropped(`a Socket Mode frame the client could not handle: ${(err as Error).message}`);
    }
  }
}
