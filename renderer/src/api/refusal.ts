// What went wrong, in the words shown to the rep. Apart from client.ts (which reaches the window's
// bridge) so that it is a pure function the unit tests load.

/** The shape of an ApiError (client.ts): its code and the message per field. */
interface Refused {
  code?: unknown;
  fields?: Record<string, string>;
}

/** A request the contract refused is told by its fields' own messages (shown beside the fields
 *  too), not by the summary with their paths ("Invalid request — name: …"); any other error by
 *  its message. */
export function refusalText(error: unknown): string {
  if (error instanceof Error && (error as Refused).code === 'invalid_request') {
    const messages = [...new Set(Object.values((error as Refused).fields ?? {}))];
    if (messages.length > 0) return messages.map((message) => (/[.!?]$/.test(message) ? message : `${message}.`)).join(' ');
  }
  return error instanceof Error ? error.message : String(error);
}
