import type { HandlersOf, Services } from '../handlers';
import { addContact, knownZones, searchContacts, updateContact } from './service';

export function contactsHandlers({ ctx }: Services): HandlersOf<'contacts.add' | 'contacts.search' | 'contacts.zones' | 'contacts.update'> {
  return {
    'contacts.add': (request) => addContact(ctx, request),
    'contacts.search': (request) => searchContacts(ctx, request),
    'contacts.zones': () => knownZones(ctx.db),
    'contacts.update': (request) => updateContact(ctx, request),
  };
}
