import { describe, expect, it } from 'vitest';
import { acceptedOutcomeInputs, OUTCOMES, outcomeFromInput } from '../../shared/domain/dispositions';

// The keys as the README lists them for the call screen's bar: the command line takes the same.
const KEYS: [string, string][] = [
  ['1', 'no_answer'],
  ['2', 'engaged'],
  ['3', 'voicemail_left'],
  ['4', 'gatekeeper'],
  ['5', 'conversation'],
  ['6', 'advance'],
  ['7', 'conversion'],
  ['8', 'not_interested'],
  ['9', 'callback_requested'],
  ['0', 'wrong_number'],
  ['D', 'do_not_call'],
];

describe('outcomeFromInput: an outcome as a person types it', () => {
  it.each(KEYS)('the key %s is %s', (key, outcome) => {
    expect(outcomeFromInput(key)).toBe(outcome);
    expect(outcomeFromInput(key.toLowerCase())).toBe(outcome);
    expect(outcomeFromInput(` ${key} `)).toBe(outcome);
  });

  it.each(OUTCOMES.map((o) => [o]))('%s in its id, hyphenated, spaced and capitalised forms', (outcome) => {
    const words = outcome.split('_');
    for (const typed of [
      outcome,
      outcome.toUpperCase(),
      words.join('-'),
      words.join(' '),
      words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' '),
      `  ${words.join('  ')}\t`,
    ]) {
      expect(outcomeFromInput(typed), typed).toBe(outcome);
    }
  });

  it('the labels on the bar: "No answer", "Voicemail left", "Do not call"', () => {
    expect(outcomeFromInput('No answer')).toBe('no_answer');
    expect(outcomeFromInput('No Answer')).toBe('no_answer');
    expect(outcomeFromInput('no-answer')).toBe('no_answer');
    expect(outcomeFromInput('Voicemail left')).toBe('voicemail_left');
    expect(outcomeFromInput('Callback-Requested')).toBe('callback_requested');
    expect(outcomeFromInput('do not call')).toBe('do_not_call');
  });

  it('anything else is no outcome, including the names an object inherits', () => {
    for (const typed of ['', ' ', 'maybe', '10', '11', 'x', 'noanswer', 'no answer!', 'answer', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(outcomeFromInput(typed), JSON.stringify(typed)).toBeNull();
    }
  });

  it('the accepted forms name every key and every outcome, for the error message', () => {
    const text = acceptedOutcomeInputs();
    for (const [key, outcome] of KEYS) expect(text).toContain(`${key} ${outcome}`);
    expect(text).toContain('no-answer');
  });
});
