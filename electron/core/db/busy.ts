/** How long a connection waits for another one's lock before it gives up. */
export const BUSY_TIMEOUT_MS = 5000;
