import { describe, expect, it } from 'vitest';
import { dudText, wrongNumberReason } from '../../shared/domain/dud';

describe('dudText', () => {
  const days = new Map([[12, '1 Dec']]);
  const callDay = (id: number) => days.get(id) ?? null;
  it('a wrong number names the call that reported it, by its date', () => {
    expect(dudText(wrongNumberReason(12), callDay)).toBe('Wrong number, reported on the call of 1 Dec');
  });
  it('a wrong number whose call is not known says only that', () => {
    expect(dudText(wrongNumberReason(99), callDay)).toBe('Wrong number');
  });
  it('another dud keeps its own reason', () => {
    expect(dudText('no valid number: "12"', callDay)).toBe('Dud: no valid number: "12"');
    expect(dudText(null, callDay)).toBe('Dud: no valid number');
  });
});
