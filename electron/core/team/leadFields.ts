// A lead as desks share it through the team's database: the same fields on the desk's contact
// being published, in the publish statement and on a claimed lead read back.

/** The columns a published lead carries, in the order the publish statement writes them. */
export const SHARED_LEAD_FIELDS = ['first_name', 'last_name', 'company', 'title', 'email', 'phone_raw', 'e164', 'extension', 'time_zones', 'tz_source', 'country', 'region', 'city', 'postcode', 'kind', 'line_type', 'jurisdictions', 'status', 'dud_reason'] as const;

export interface SharedLeadFields {
  first_name: string;
  last_name: string;
  company: string;
  title: string;
  email: string;
  phone_raw: string;
  e164: string | null;
  extension: string | null;
  time_zones: string;
  tz_source: string;
  country: string;
  region: string;
  city: string;
  postcode: string;
  kind: string;
  line_type: string;
  jurisdictions: string;
  status: string;
  dud_reason: string | null;
}
