// The Calls screen's search (Alt+L, "/"): a number typed in any format — the list's own among
// them — and a name typed without its accents find the calls, as Ctrl+K finds the lead.
import { afterEach, describe, expect, it } from 'vitest';
import { CALL_LOG_PAGE_SQL } from '../../electron/core/calls/repo';
import { callLogSearch } from '../../shared/domain/callLogSearch';
import { formatForDisplay } from '../../shared/domain/phoneFormat';
import { makeCore, type TestCore } from './helpers';
import { planStableSql } from '../../electron/core/db/sql';

let t: TestCore | undefined;
afterEach(() => t?.core.close());

type Page = { total: number | null; calls: { contactName: string; number: string; notes: string }[] };

async function seedLog(core: TestCore): Promise<void> {
  const leads = [
    { firstName: 'José', lastName: 'Álvarez', company: 'Northwind Traders', phone: '(212) 555-0107', notes: 'Wants the annual plan' },
    { firstName: 'Ana', lastName: 'Silva', company: 'Contoso', phone: '+1 212 555 0103', notes: 'Asked about pricing' },
    { firstName: 'Bea', lastName: 'Novak', company: 'Fabrikam', phone: '+44 20 7946 0958', notes: 'Call back after 0107 deadline' },
  ];
  for (const lead of leads) {
    const { id } = await core.call<{ id: number }>('contacts.add', { firstName: lead.firstName, lastName: lead.lastName, company: lead.company, phone: lead.phone });
    const call = await core.call<{ id: number }>('calls.dial', { contactId: id });
    await core.call('calls.log', { callId: call.id, outcome: 'no_answer', notes: lead.notes });
    core.clock.advance(60_000);
  }
}

const found = async (text: string) => {
  const page = await t!.call<Page>('calls.search', { text });
  expect(page.total, text).toBe(page.calls.length);
  return page.calls.map((c) => c.contactName).sort();
};

describe('the call log search', () => {
  it('finds the calls to a number typed as the Calls list shows it, or in any other format', async () => {
    t = makeCore();
    await seedLog(t);
    const shown = formatForDisplay('+12125550107');
    expect(shown).toBe('+1 212 555 0107');
    for (const typed of [shown, '(212) 555-0107', '212.555.0107', '+12125550107', '2125550107', '1-212-555-0107']) expect(await found(typed), typed).toEqual(['José Álvarez']);
    expect(await found('212-555-0103')).toEqual(['Ana Silva']);
    // Part of a number: the calls whose number holds those digits (and notes that say them).
    expect(await found('555 01')).toEqual(['Ana Silva', 'José Álvarez']);
    expect(await found('0107')).toEqual(['Bea Novak', 'José Álvarez']);
    // A foreign number with its country code, with or without its "+".
    expect(await found('+44 20 7946 0958')).toEqual(['Bea Novak']);
    expect(await found('44 20 7946 0958')).toEqual(['Bea Novak']);
    // …or dialled out with "00", as most of the world does (on this US desk too, as Ctrl+K reads it).
    expect(await found('0044 20 7946 0958')).toEqual(['Bea Novak']);
    expect(await found('00 44 20 7946 0958')).toEqual(['Bea Novak']);
    expect(await found('(212) 555-0199')).toEqual([]);
  });

  it('a name typed without its accents or in another case finds the calls, as Ctrl+K finds the lead', async () => {
    t = makeCore();
    await seedLog(t);
    expect(await found('jose')).toEqual(['José Álvarez']);
    expect(await found('JOSÉ')).toEqual(['José Álvarez']);
    expect(await found('jose alvarez')).toEqual(['José Álvarez']);
    expect(await found('alva')).toEqual(['José Álvarez']);
    // Filtered to the lead (the contact's own log), the same.
    const jose = (await t.call<{ calls: { contactId: number }[] }>('calls.search', { text: 'jose' })).calls[0]!.contactId;
    expect((await t.call<Page>('calls.search', { text: 'jose', contactId: jose })).total).toBe(1);
    // FTS5 syntax typed by a rep is just text.
    expect(await found('NEAR(" OR *')).toEqual([]);
  });

  it('a plain word still matches part of a name, company, notes or next step as before', async () => {
    t = makeCore();
    await seedLog(t);
    expect(await found('José')).toEqual(['José Álvarez']);
    expect(await found('ilv')).toEqual(['Ana Silva']);
    expect(await found('wind')).toEqual(['José Álvarez']);
    expect(await found('pricing')).toEqual(['Ana Silva']);
    expect(await found('annual plan')).toEqual(['José Álvarez']);
    expect(await found('deadline')).toEqual(['Bea Novak']);
    expect(await found('nobody')).toEqual([]);
    expect(await found('')).toHaveLength(3);
  });
});

describe('the call log page query plan', () => {
  it('still walks the log by time and reads the names through the FTS5 index, not by scanning the leads', () => {
    t = makeCore();
    const plan = (t.core.db.prepare(`EXPLAIN QUERY PLAN ${planStableSql(CALL_LOG_PAGE_SQL)}`).all({ like: '%jose%', number: '%jose%', digits: null, names: '{name company} : ("jose"*)', outcome: null, afterAt: null, afterId: null, limit: 100 }) as { detail: string }[])
      .map((p) => p.detail)
      .join('; ');
    expect(plan).toContain('SCAN k USING INDEX calls_by_time');
    expect(plan).toContain('SEARCH c USING INTEGER PRIMARY KEY');
    expect(plan).toMatch(/SCAN lead_search VIRTUAL TABLE INDEX \d+:M/);
    expect(plan).not.toMatch(/SCAN c\b|SCAN contacts/);
  });
});

describe('callLogSearch (what the text means)', () => {
  it('reads a number on its digits, in the desk country, and words as an FTS5 query over name and company', () => {
    expect(callLogSearch('+1 212 555 0107', 'US')).toEqual({ text: '+1 212 555 0107', numberDigits: ['12125550107'], names: null });
    expect(callLogSearch('(212) 555-0107', 'US')).toEqual({ text: '(212) 555-0107', numberDigits: ['12125550107', '2125550107'], names: null });
    expect(callLogSearch('020 7946 0958', 'GB')?.numberDigits).toEqual(['442079460958', '02079460958']);
    expect(callLogSearch('555-01', 'US')?.numberDigits).toEqual(['55501']);
    // A number as the app writes it with its extension is a number, not words.
    expect(callLogSearch('+1 212 555 0100 ext. 12', 'US')?.numberDigits).toContain('12125550100');
    expect(callLogSearch('jose alv', 'US')).toEqual({ text: 'jose alv', numberDigits: [], names: '{name company} : ("jose" "alv"*)' });
    expect(callLogSearch('  ', 'US')).toBeNull();
    expect(callLogSearch('--', 'US')).toEqual({ text: '--', numberDigits: [], names: null });
  });
});
