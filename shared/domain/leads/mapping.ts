// Which column is which: the fields a lead can carry, and a suggestion from the header names
// that HubSpot, Salesforce, Pipedrive, Zoho and spreadsheets commonly use.

export const LEAD_FIELDS = [
  'fullName', 'firstName', 'lastName', 'company', 'title', 'phone', 'phone2', 'mobile', 'extension', 'email',
  'timeZone', 'country', 'region', 'city', 'postcode', 'kind', 'lineType', 'notes', 'owner', 'tags',
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export const FIELD_LABELS: Record<LeadField, string> = {
  fullName: 'Full name', firstName: 'First name', lastName: 'Last name', company: 'Company', title: 'Title',
  phone: 'Phone', phone2: 'Other phone', mobile: 'Mobile', extension: 'Extension', email: 'Email',
  timeZone: 'Time zone', country: 'Country', region: 'State / region', city: 'City', postcode: 'Postcode',
  kind: 'Lead kind (inbound/outbound)', lineType: 'Line type (business/residential)', notes: 'Notes', owner: 'Owner',
  tags: 'Tags (split on , or ;)',
};

/** Per column: a lead field, "custom" (kept as a custom field under its header), or "ignore". */
export type ColumnTarget = LeadField | 'custom' | 'ignore';
export type Mapping = ColumnTarget[];

const SYNONYMS: Record<LeadField, string[]> = {
  fullName: ['name', 'full name', 'contact name', 'contact', 'person - name', 'person name', 'lead name'],
  firstName: ['first name', 'firstname', 'first', 'given name', 'forename', 'vorname', 'prénom', 'prenom', 'nombre'],
  lastName: ['last name', 'lastname', 'last', 'surname', 'family name', 'nachname', 'nom', 'apellido', 'apellidos'],
  company: ['company', 'company name', 'account name', 'account', 'organization', 'organisation', 'organization - name', 'business', 'firma', 'empresa', 'société'],
  title: ['title', 'job title', 'position', 'role', 'designation'],
  phone: ['phone', 'phone number', 'telephone', 'tel', 'work phone', 'business phone', 'office phone', 'person - phone', 'primary phone', 'direct dial', 'telefon', 'téléphone', 'teléfono'],
  phone2: ['other phone', 'home phone', 'phone 2', 'secondary phone', 'alternate phone', 'phone2'],
  mobile: ['mobile', 'mobile phone', 'mobile phone number', 'cell', 'cell phone', 'handy', 'portable', 'móvil'],
  extension: ['extension', 'ext', 'ext.', 'phone extension'],
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'person - email', 'work email', 'mail'],
  timeZone: ['time zone', 'timezone', 'tz', 'time zone (iana)'],
  country: ['country', 'country/region', 'mailing country', 'billing country', 'country code', 'land', 'pays', 'país'],
  region: ['state', 'state/region', 'state/province', 'mailing state/province', 'billing state/province', 'region', 'province', 'county', 'bundesland'],
  city: ['city', 'town', 'mailing city', 'billing city', 'stadt', 'ville', 'ciudad'],
  postcode: ['postcode', 'post code', 'postal code', 'zip', 'zip code', 'zipcode', 'mailing zip/postal code', 'plz', 'code postal'],
  kind: ['lead kind', 'kind', 'lead type', 'lead source type', 'inbound/outbound'],
  lineType: ['line type', 'phone type', 'business/residential'],
  notes: ['notes', 'note', 'description', 'comments', 'comment'],
  owner: ['owner', 'lead owner', 'contact owner', 'account owner', 'assigned to', 'sales rep'],
  tags: ['tags', 'tag', 'labels', 'label'],
};

const LOOKUP = new Map<string, LeadField>();
for (const field of LEAD_FIELDS) for (const name of SYNONYMS[field]) LOOKUP.set(name, field);

export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[_]+/g, ' ').replace(/\s+/g, ' ');
}

/** The field a column's header names ("Mobile Phone" is mobile), or undefined. */
export function fieldOfHeader(header: string): LeadField | undefined {
  const key = normaliseHeader(header);
  return LOOKUP.get(key) ?? LOOKUP.get(key.replace(/\s*\(.*\)$/, ''));
}

/** The fields that hold a phone number. */
export const PHONE_FIELDS: ReadonlySet<ColumnTarget> = new Set<ColumnTarget>(['phone', 'phone2', 'mobile']);

/** The mapping suggested for these headers: each field at most once, unknown columns kept as
 *  custom fields (nothing from the file is thrown away unless the rep says so). */
export function suggestMapping(headers: readonly string[]): Mapping {
  const used = new Set<LeadField>();
  return headers.map((header) => {
    const key = normaliseHeader(header);
    const field = fieldOfHeader(header);
    if (field && !used.has(field)) {
      used.add(field);
      return field;
    }
    if (field === 'phone' && !used.has('phone2')) {
      used.add('phone2');
      return 'phone2';
    }
    return key === '' ? 'ignore' : 'custom';
  });
}

/** The key a mapping is remembered under: the same headers in the same order. */
export function headerSetKey(headers: readonly string[]): string {
  return headers.map(normaliseHeader).join('\u001f');
}

/** A mapping the rep can import with: the right length, each lead field at most once, and a
 *  phone column (a lead without one is a dud, but a file without one is a mistake). */
export function mappingProblems(mapping: readonly ColumnTarget[], columnCount: number): string[] {
  const problems: string[] = [];
  if (mapping.length !== columnCount) problems.push(`The mapping has ${mapping.length} columns but the file has ${columnCount}.`);
  const seen = new Set<string>();
  for (const target of mapping) {
    if (target === 'custom' || target === 'ignore') continue;
    if (seen.has(target)) problems.push(`"${FIELD_LABELS[target]}" is mapped to more than one column.`);
    seen.add(target);
  }
  if (!mapping.some((t) => PHONE_FIELDS.has(t))) problems.push('Map at least one column to Phone or Mobile.');
  return problems;
}

/** Names made distinct by a count after the repeats: "Website", "Website (2)", "Website (3)".
 *  A lead's extra columns are kept under these (two columns under one name keep both values). */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let unique = name;
    for (let n = 2; taken.has(unique); n++) unique = `${name} (${n})`;
    taken.add(unique);
    return unique;
  });
}
