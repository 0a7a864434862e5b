// What a browser tab hears when it can no longer reach this preview: its token is gone (the
// preview restarted, or another run took the port). The server's page, the bridge's full-page
// notice and the bridge's error message say the same thing. Plain strings: this file runs in
// the browser (inside the bridge) as well as in Node.
export const SESSION_ENDED_TITLE = "This preview's session has ended";
export const PREVIEW_COMMAND = 'npm run preview';
/** The advice, in the three pieces either side of the command (shown as code). */
export const SESSION_ENDED_ADVICE = [
  'To go on, open the address ',
  PREVIEW_COMMAND,
  ' printed, with its token at the end. Each run of the preview has its own address, so a tab opened before it restarted can no longer reach it.',
] as const;
/** The error a call from such a tab answers with. */
export const SESSION_ENDED_MESSAGE = `${SESSION_ENDED_TITLE} — open the address \`${PREVIEW_COMMAND}\` printed.`;
