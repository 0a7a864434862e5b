// Campaigns and tags (#13 point 9): names compared case-insensitively and trimmed, leads added
// by hand, from a filter or from an import, tags from a key or an import cell, the queue and the
// contacts list filtered by them, and a script chosen per campaign.
import { describe, expect, it } from 'vitest';
import { checkLabelName, labelKey, leadMatchesFilter, NO_LEAD_FILTER, splitTags, type FilteredLead } from '../../shared/domain/campaigns';
import { makeCore, tempDir, type TestCore } from './helpers';

const addLead = async (t: TestCore, firstName: string, phone: string) => (await t.call<{ id: number }>('contacts.add', { firstName, phone })).id;
const queueIds = async (t: TestCore, filter: Record<string, unknown> = {}) => (await t.call<{ entries: { contact: { id: number } }[] }>('queue.list', filter)).entries.map((e) => e.contact.id);
const contactIds = async (t: TestCore, filter: Record<string, unknown> = {}) => (await t.call<{ total: number; contacts: { id: number }[] }>('contacts.search', filter)).contacts.map((c) => c.id);
const errorOf = async (t: TestCore, channel: string, request: unknown) => {
  const envelope = await t.core.invoke(channel, request);
  if (envelope.ok) throw new Error(`${channel} was accepted`);
  return envelope.error;
};

describe('campaign and tag names (pure)', () => {
  it('compares names trimmed, with inner spaces collapsed and case folded beyond ASCII', () => {
    expect(labelKey('  Spring   Push ')).toBe(labelKey('spring push'));
    expect(labelKey('ÉTÉ')).toBe(labelKey('été'));
    expect(labelKey('Cafe\u0301')).toBe(labelKey('Café'));
    expect(labelKey('Spring')).not.toBe(labelKey('Springs'));
  });

  it('names that only look alike are one name: full-width, ligatures, invisible characters pasted in', () => {
    expect(labelKey('ＶＩＰ')).toBe('vip');
    expect(labelKey('V\u200bIP')).toBe('vip');
    expect(labelKey('\ufeffVIP\u200e')).toBe('vip');
    expect(labelKey('ﬁnance')).toBe('finance');
    expect(labelKey('VIP')).not.toBe(labelKey('VIP2'));
    // The name as kept loses what cannot be seen, and keeps what the rep typed otherwise.
    expect(checkLabelName('tag', 'V\u200bIP\u00ad')).toEqual({ ok: true, name: 'VIP' });
    expect(checkLabelName('tag', 'ＶＩＰ')).toEqual({ ok: true, name: 'ＶＩＰ' });
    expect(checkLabelName('tag', '\u200b\u2060')).toEqual({ ok: false, reason: 'Give the tag a name.' });
    // Joiners that shape emoji and scripts stay in the name.
    expect(checkLabelName('tag', '👩\u200d💻 devs')).toEqual({ ok: true, name: '👩\u200d💻 devs' });
  });

  it('refuses an empty, too long, control-character or (for a tag) separator name with the reason', () => {
    expect(checkLabelName('campaign', '   ')).toEqual({ ok: false, reason: 'Give the campaign a name.' });
    expect(checkLabelName('campaign', 'x'.repeat(61))).toMatchObject({ ok: false, reason: expect.stringContaining('at most 60 characters') });
    expect(checkLabelName('tag', 'a\u0007b')).toMatchObject({ ok: false, reason: expect.stringContaining('control characters') });
    expect(checkLabelName('tag', 'hot, warm')).toMatchObject({ ok: false, reason: expect.stringContaining('cannot contain') });
    expect(checkLabelName('campaign', '  Q2   Renewals ')).toEqual({ ok: true, name: 'Q2 Renewals' });
  });

  it('splits an import tags cell on "," and ";", once per name, empty parts dropped', () => {
    expect(splitTags('hot; Warm,, hot ;VIP;constructor')).toEqual(['hot', 'Warm', 'VIP', 'constructor']);
    expect(splitTags(' ; , ')).toEqual([]);
  });
});

describe('the queue filter rule (pure)', () => {
  const lead: FilteredLead = { importId: 3, kind: 'outbound', timeZones: ['America/New_York'], campaignIds: new Set([7, 9]), tagIds: new Set([2]) };
  it('keeps a lead only when every condition set holds', () => {
    expect(leadMatchesFilter(lead, NO_LEAD_FILTER)).toBe(true);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, campaignId: 9 })).toBe(true);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, campaignId: 8 })).toBe(false);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, tagId: 2 })).toBe(true);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, tagId: 3 })).toBe(false);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, campaignId: 7, tagId: 2 })).toBe(true);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, campaignId: 7, tagId: 3 })).toBe(false);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, campaignId: 7, importId: 4 })).toBe(false);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, zone: 'America/Chicago' })).toBe(false);
    expect(leadMatchesFilter(lead, { ...NO_LEAD_FILTER, kind: 'inbound' })).toBe(false);
  });
});

describe('campaigns in the core', () => {
  it('makes a campaign once per name in any case or spacing, and says which name is taken', async () => {
    const t = makeCore();
    const made = await t.call<{ id: number; name: string; leads: number; scriptId: number | null }>('campaigns.create', { name: '  Spring   Push ' });
    expect(made).toMatchObject({ name: 'Spring Push', leads: 0, scriptId: null });
    expect(await errorOf(t, 'campaigns.create', { name: 'SPRING PUSH' })).toMatchObject({ code: 'conflict', message: 'There is a campaign named "Spring Push" already.' });
    expect(await errorOf(t, 'campaigns.create', { name: ' ' })).toMatchObject({ code: 'invalid_request', message: 'Give the campaign a name.' });
    expect(await t.call('campaigns.list', {})).toEqual([made]);
    t.core.close();
  });

  it('adds leads by hand and by the contacts filter, counting those already in it, and a lead can be in several', async () => {
    const t = makeCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    const ben = await addLead(t, 'Ben', '+12125550102');
    const cleo = await addLead(t, 'Cleo', '+13125550103');
    const byHand = await t.call<{ campaign: { id: number; leads: number }; added: number; already: number }>('campaigns.assign', { campaign: { name: 'Renewals' }, contactIds: [ana] });
    expect(byHand).toMatchObject({ added: 1, already: 0, campaign: { leads: 1 } });
    // "Add these N to campaign…": every lead the filter finds (the 212 numbers), by name in another case.
    const byFilter = await t.call<{ campaign: { id: number; leads: number }; added: number; already: number }>('campaigns.assign', { campaign: { name: 'renewals ' }, filter: { text: '212' } });
    expect(byFilter).toMatchObject({ added: 1, already: 1, campaign: { id: byHand.campaign.id, leads: 2 } });
    await t.call('campaigns.assign', { campaign: { name: 'Chicago' }, contactIds: [cleo, ana] });
    expect((await t.call<{ campaigns: { name: string }[] }>('campaigns.ofLead', { contactId: ana })).campaigns.map((c) => c.name)).toEqual(['Renewals', 'Chicago']);
    expect(await contactIds(t, { campaignId: byHand.campaign.id })).toEqual([ana, ben]);
    expect(await errorOf(t, 'campaigns.assign', { campaign: { id: 999 }, contactIds: [ana] })).toMatchObject({ code: 'not_found' });
    expect(await errorOf(t, 'campaigns.assign', { campaign: { name: 'Renewals' }, contactIds: [ana, 4040] })).toMatchObject({ code: 'not_found' });
    // Refused whole: nothing of that request was added.
    expect((await t.call<{ leads: number }[]>('campaigns.list', {})).map((c) => c.leads)).toEqual([2, 2]);
    t.core.close();
  });

  it('filters the queue and the contacts by campaign, by tag and by both', async () => {
    const t = makeCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    const ben = await addLead(t, 'Ben', '+12125550102');
    const cleo = await addLead(t, 'Cleo', '+12125550103');
    const all = await queueIds(t);
    expect([...all].sort()).toEqual([ana, ben, cleo].sort());
    const { campaign } = await t.call<{ campaign: { id: number } }>('campaigns.assign', { campaign: { name: 'Spring' }, contactIds: [ana, cleo] });
    const hot = await t.call<{ tag: { id: number; name: string }; added: boolean }>('tags.add', { contactId: cleo, tag: ' Hot ' });
    expect(hot).toMatchObject({ tag: { name: 'Hot' }, added: true });
    await t.call('tags.add', { contactId: ben, tag: 'HOT' });
    expect((await t.call<{ name: string; leads: number }[]>('tags.list', {})).map((x) => [x.name, x.leads])).toEqual([['Hot', 2]]);

    const inOrder = (ids: number[]) => all.filter((id) => ids.includes(id));
    expect(await queueIds(t, { campaignId: campaign.id })).toEqual(inOrder([ana, cleo]));
    expect(await queueIds(t, { tagId: hot.tag.id })).toEqual(inOrder([ben, cleo]));
    expect(await queueIds(t, { campaignId: campaign.id, tagId: hot.tag.id })).toEqual([cleo]);
    expect(await contactIds(t, { campaignId: campaign.id, tagId: hot.tag.id })).toEqual([cleo]);
    expect(await contactIds(t, { tagId: hot.tag.id })).toEqual([ben, cleo]);
    // A short page still finds the campaign's leads further down the queue (narrowed in SQL, not
    // after the page was read), and a pinned lead outside the filter is not on top of it.
    expect(await queueIds(t, { campaignId: campaign.id, tagId: hot.tag.id, limit: 1 })).toEqual([cleo]);
    await t.call('queue.act', { contactId: ben, action: 'pin' });
    expect((await queueIds(t))[0]).toBe(ben);
    expect(await queueIds(t, { campaignId: campaign.id })).toEqual(inOrder([ana, cleo]));
    await t.call('queue.act', { contactId: ben, action: 'unpin' });

    await t.call('tags.remove', { contactId: cleo, tagId: hot.tag.id });
    expect(await queueIds(t, { campaignId: campaign.id, tagId: hot.tag.id })).toEqual([]);
    await t.call('campaigns.removeLead', { campaignId: campaign.id, contactId: ana });
    expect(await queueIds(t, { campaignId: campaign.id })).toEqual([cleo]);
    expect(await errorOf(t, 'tags.add', { contactId: ana, tag: 'a;b' })).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('cannot contain') });
    t.core.close();
  });

  it('adds an import’s leads, new and merged, and tags them from its tags column', async () => {
    const t = makeCore();
    const existing = await addLead(t, 'Ana', '+12125550101');
    const csv = 'First name,Phone,Tags\nAna,(212) 555-0101,vip\nBen,212 555 0102,hot; VIP\nCleo,212 555 0103,\n';
    const staged = await t.call<{ stageId: string; mapping: string[] }>('imports.preview', { fileName: 'spring.csv', data: Buffer.from(csv).toString('base64') });
    expect(staged.mapping).toEqual(['firstName', 'phone', 'tags']);
    const summary = await t.call<{ importId: number }>('imports.run', { stageId: staged.stageId, mapping: staged.mapping, campaign: { name: 'Spring' } });
    const [spring] = await t.call<{ id: number; leads: number }[]>('campaigns.list', {});
    expect(spring).toMatchObject({ leads: 3 });
    const ids = await contactIds(t, { campaignId: spring!.id });
    expect(ids).toContain(existing);
    const tags = await t.call<{ id: number; name: string; leads: number }[]>('tags.list', {});
    expect(tags.map((x) => [x.name, x.leads])).toEqual([['hot', 1], ['vip', 2]]);
    expect(summary.importId).toBeGreaterThan(0);
    t.core.close();
  });

  it('shows the campaign’s chosen script on the call screen, unless the rep picks a situation', async () => {
    const t = makeCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    const ben = await addLead(t, 'Ben', '+12125550102');
    const script = await t.call<{ id: number }>('scripts.save', { name: 'Spring opener', situation: 'follow_up', body: '## Opening\nHi {{contact.firstName}}, spring offer.\n' });
    const { campaign } = await t.call<{ campaign: { id: number } }>('campaigns.assign', { campaign: { name: 'Spring' }, contactIds: [ana] });
    const before = await t.call<{ script: { id: number } | null }>('scripts.forCall', { contactId: ana });
    expect(before.script?.id).not.toBe(script.id);
    expect(await t.call('campaigns.setScript', { campaignId: campaign.id, scriptId: script.id })).toMatchObject({ scriptId: script.id });
    expect(await t.call('scripts.forCall', { contactId: ana })).toMatchObject({ campaign: 'Spring', situation: 'follow_up', script: { id: script.id } });
    expect((await t.call<{ script: { id: number } | null }>('scripts.forCall', { contactId: ben })).script?.id).not.toBe(script.id);
    expect((await t.call<{ script: { id: number } | null; campaign: string | null }>('scripts.forCall', { contactId: ana, situation: 'first_call' })).campaign).toBeNull();
    expect(await errorOf(t, 'campaigns.setScript', { campaignId: campaign.id, scriptId: 999 })).toMatchObject({ code: 'not_found' });
    t.core.close();
  });
});

describe('look-alike names', () => {
  it('a tag typed full-width, or with a zero-width space pasted in, is the tag the lead list already has', async () => {
    const t = makeCore();
    const ana = await addLead(t, 'Ana', '+12125550101');
    const ben = await addLead(t, 'Ben', '+12125550102');
    const cleo = await addLead(t, 'Cleo', '+12125550103');
    await t.call('tags.add', { contactId: ana, tag: 'VIP' });
    await t.call('tags.add', { contactId: ben, tag: 'ＶＩＰ' });
    await t.call('tags.add', { contactId: cleo, tag: 'V\u200bIP' });
    const tags = await t.call<{ id: number; name: string; leads: number }[]>('tags.list', {});
    expect(tags.map((x) => [x.name, x.leads])).toEqual([['VIP', 3]]);
    expect(await queueIds(t, { tagId: tags[0]!.id })).toEqual(expect.arrayContaining([ana, ben, cleo]));
    t.core.close();
  });

  it('names stored before look alike: the older keeps its name, the newer is renamed "(2)", every lead keeps its tags', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    const ana = await addLead(t, 'Ana', '+12125550101');
    const ben = await addLead(t, 'Ben', '+12125550102');
    const cleo = await addLead(t, 'Cleo', '+12125550103');
    // As the version before stored them: each name's key only composed and lower-cased.
    const db = t.core.db;
    const tag = (name: string, contactId: number) => {
      const id = Number(db.prepare('INSERT INTO tags (name, name_key, created_at) VALUES (?, ?, 0)').run(name, name.normalize('NFC').toLocaleLowerCase('en-US')).lastInsertRowid);
      db.prepare('INSERT INTO lead_tags (tag_id, contact_id, added_at) VALUES (?, ?, 0)').run(id, contactId);
      return id;
    };
    // The last two: the older's new key is the newer's old one (written in an order that never clashes).
    const ids = [tag('VIP', ana), tag('ＶＩＰ', ben), tag('V\u200bIP', cleo), tag('hot', cleo), tag('Ｘ', ana), tag('x', ben)];
    db.prepare("INSERT INTO campaigns (name, name_key, created_at) VALUES ('Spring', 'spring', 0), ('Ｓｐｒｉｎｇ', 'ｓｐｒｉｎｇ', 0)").run();
    db.pragma('user_version = 45');
    t.core.close();
    const reopened = makeCore(dir);
    const rows = reopened.core.db.prepare('SELECT t.id, t.name, t.name_key, l.contact_id FROM tags t JOIN lead_tags l ON l.tag_id = t.id ORDER BY t.id').all();
    expect(rows).toEqual([
      { id: ids[0], name: 'VIP', name_key: 'vip', contact_id: ana },
      { id: ids[1], name: 'ＶＩＰ (2)', name_key: 'vip (2)', contact_id: ben },
      { id: ids[2], name: 'VIP (3)', name_key: 'vip (3)', contact_id: cleo },
      { id: ids[3], name: 'hot', name_key: 'hot', contact_id: cleo },
      { id: ids[4], name: 'Ｘ', name_key: 'x', contact_id: ana },
      { id: ids[5], name: 'x (2)', name_key: 'x (2)', contact_id: ben },
    ]);
    expect(reopened.core.db.prepare('SELECT name, name_key FROM campaigns ORDER BY id').all()).toEqual([
      { name: 'Spring', name_key: 'spring' },
      { name: 'Ｓｐｒｉｎｇ (2)', name_key: 'spring (2)' },
    ]);
    // What the rep types next finds the older one.
    await reopened.call('tags.add', { contactId: ben, tag: 'ＶＩＰ' });
    expect(reopened.core.db.prepare('SELECT tag_id FROM lead_tags WHERE contact_id = ? ORDER BY tag_id').all(ben)).toEqual([{ tag_id: ids[0] }, { tag_id: ids[1] }, { tag_id: ids[5] }]);
    reopened.core.close();
  });
});
