// The only code in the renderer that touches the bridge on window. Everything else imports
// these typed functions, so the contract's types reach every screen.
import type { ApiErrorBody, Channel, DialdeckApi, EventName, EventPayload, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import { drawTimesDeep } from '../../../shared/domain/timeText';
import { leadTimeDrawer } from '../../../shared/domain/timeFormat';

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

// The instant "today" is judged by when a time inside a text is drawn: the core's clock once
// api/clock.ts has loaded (it sets this), the page's before.
let nowForTimes: () => number = () => Date.now();

/** Which clock decides whether a drawn time needs its date (set once by api/clock.ts). */
export function drawTimesOnClock(now: () => number): void {
  nowForTimes = now;
}

/** Times inside the core's texts arrive as tokens (shared/domain/timeText.ts) and are drawn here,
 *  once for every reply, event and error, in the one format every screen uses: the lead's time
 *  with its zone, yours beside it where they differ. No screen has to remember to. */
function drawn<T>(value: T): T {
  return drawTimesDeep(value, leadTimeDrawer(nowForTimes()));
}

export async function invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const envelope = await bridge().invoke(channel, request);
  if (!envelope.ok) throw new ApiError(drawn(envelope.error));
  return drawn(envelope.value);
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return bridge().on(event, (payload) => listener(drawn(payload)));
}
