import type { Migration } from './index';

// Settings come from one registry (shared/domain/settings.ts): every value is stored as JSON
// under the registry's name, read back through the setting's own schema. Plain-text values
// (country, zone, name, number, dial template) become JSON strings; two keys take their names.
export const migration008: Migration = {
  version: 8,
  name: 'settings: JSON values under the registry names',
  up: `
    UPDATE settings SET key = 'confirmed', value = CASE value WHEN 'true' THEN 'true' ELSE 'false' END WHERE key = 'settingsConfirmed';
    UPDATE settings SET key = 'queue' WHERE key = 'queueSettings';
    UPDATE settings SET value = json_quote(value) WHERE key IN ('defaultCountry', 'defaultTimeZone', 'repName', 'repPhone', 'dialTemplate');
  `,
};
