import { describe, expect, it } from 'vitest';
import { MERGE_FILLABLE, mergeFilled, takeBackFilled, type MergeFillableFields } from '../../shared/domain/leads/mergeFill';

// A lead's fields as stored, every fillable one empty unless given.
function lead(fields: Partial<MergeFillableFields>): MergeFillableFields {
  const empty = Object.fromEntries(MERGE_FILLABLE.map((field) => [field, ''])) as MergeFillableFields;
  return { ...empty, e164: null, email_key: null, extension: null, dud_reason: null, other_phones: '[]', custom_fields: '{}', status: 'active', ...fields };
}
const phone = (e164: string, extra: Record<string, string> = {}) => ({ label: 'Mobile', raw: e164, e164, extension: null, ...extra });

describe('what a merge filled, and taking it back', () => {
  it('records only the fields that changed, each as it was and as the merge left it', () => {
    expect(mergeFilled(lead({ title: 'CEO' }), lead({ title: 'CEO' }))).toBeNull();
    expect(mergeFilled(lead({}), lead({ email: 'a@x.com', email_key: 'a@x.com' }))).toEqual({ email: ['', 'a@x.com'], email_key: [null, 'a@x.com'] });
  });

  it('a dud given the row’s number is a dud again, without it', () => {
    const before = lead({ status: 'dud', dud_reason: 'no number', phone_raw: 'n/a' });
    const after = lead({ status: 'active', e164: '+12125550100', phone_raw: '(212) 555-0100', time_zones: 'America/New_York', tz_source: 'phone' });
    const back = takeBackFilled(after, mergeFilled(before, after)!);
    expect(back.fields).toEqual(before);
    expect(back.kept).toEqual([]);
  });

  it('the numbers the row added go, one by one: one added since stays, one a call marked wrong goes too', () => {
    const before = lead({ other_phones: JSON.stringify([phone('+19175550160')]) });
    const after = lead({ other_phones: JSON.stringify([phone('+19175550160'), phone('+16465550199')]) });
    const filled = mergeFilled(before, after)!;
    const now = lead({ other_phones: JSON.stringify([phone('+19175550160'), phone('+16465550199', { wrong: 'wrong number (call #4)' }), phone('+13125550111')]) });
    const back = takeBackFilled(now, filled);
    expect((JSON.parse(back.fields.other_phones!) as { e164: string }[]).map((p) => p.e164)).toEqual(['+19175550160', '+13125550111']);
    expect(back.takenBack).toEqual(['other_phones']);
  });

  it('the extra columns the row added go unless changed since, including one called "constructor"; the lead’s own stay', () => {
    const before = lead({ custom_fields: JSON.stringify({ Region: 'East' }) });
    const after = lead({ custom_fields: JSON.stringify({ Region: 'East', constructor: 'x', Source: 'show', Budget: '10k' }) });
    const now = lead({ custom_fields: JSON.stringify({ Region: 'East', constructor: 'x', Source: 'show', Budget: '12k' }) });
    expect(JSON.parse(takeBackFilled(now, mergeFilled(before, after)!).fields.custom_fields!)).toEqual({ Region: 'East', Budget: '12k' });
  });

  it('a field the rep changed since is kept and named; nothing else is touched', () => {
    const before = lead({ first_name: 'Ana' });
    const after = lead({ first_name: 'Ana', title: 'Receptionist', city: 'New York' });
    const back = takeBackFilled(lead({ first_name: 'Ana', title: 'Office manager', city: 'New York', notes: 'likes mornings' }), mergeFilled(before, after)!);
    expect(back).toEqual({ fields: lead({ first_name: 'Ana', title: 'Office manager', notes: 'likes mornings' }), takenBack: ['city'], kept: ['title'] });
  });
});
