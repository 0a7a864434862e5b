// The only code in the renderer that touches the bridge on window. Everything else imports
// these typed functions, so the contract's types reach every screen.
import type { ApiErrorBody, Channel, DialdeckApi, EventName, EventPayload, RequestOf, ResponseOf } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    dialdeck?: DialdeckApi;
  }
}

export class ApiError extends Error {
  readonly code: ApiErrorBody['code'];
  readonly fields: Record<string, string>;
  constructor(body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields ?? {};
  }
}

function bridge(): DialdeckApi {
  const api = window.dialdeck;
  if (!api) throw new ApiError({ code: 'internal', message: 'Dialdeck is not connected to its core (no bridge on window).' });
  return api;
}

export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await bridge().invoke(channel, request);
  if (!envelope.ok) throw new ApiError(envelope.error);
  return envelope.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, listener);
}
