// A refused save says why in the fields' own words, not in the contract's summary with paths.
import { describe, expect, it } from 'vitest';
import { refusalText } from '../../renderer/src/api/refusal';

/** An error as the renderer's client makes it from the core's reply (client.ts ApiError). */
class ApiError extends Error {
  readonly code: string;
  readonly fields: Record<string, string>;
  constructor(body: { code: string; message: string; fields?: Record<string, string> }) {
    super(body.message);
    this.code = body.code;
    this.fields = body.fields ?? {};
  }
}

describe('refusalText', () => {
  it('tells a refused request by its fields’ messages, each once, as sentences', () => {
    const refused = new ApiError({ code: 'invalid_request', message: 'Invalid request — name: Give the script a name; body: The script has no text', fields: { name: 'Give the script a name', body: 'The script has no text', 'body.0': 'The script has no text' } });
    expect(refusalText(refused)).toBe('Give the script a name. The script has no text.');
    const sentence = new ApiError({ code: 'invalid_request', message: 'Invalid request — subject: Too long!', fields: { subject: 'Too long!' } });
    expect(refusalText(sentence)).toBe('Too long!');
  });

  it('keeps any other message as it is', () => {
    expect(refusalText(new ApiError({ code: 'conflict', message: 'A script named “Voicemail” already exists.', fields: { name: 'taken' } }))).toBe('A script named “Voicemail” already exists.');
    expect(refusalText(new ApiError({ code: 'invalid_request', message: 'Nothing to save.' }))).toBe('Nothing to save.');
    expect(refusalText(new Error('disk full'))).toBe('disk full');
    expect(refusalText('plain')).toBe('plain');
  });
});
