// SQL functions the schema's statements call, registered on every read-write connection before
// it migrates: a zone key is computed in SQL, by the same pure rule the domain uses.
import type { Database } from 'better-sqlite3';
import { placesWithRules } from '../../../shared/domain/law/rules';

export function registerSqlFunctions(db: Database): void {
  db.function('places_with_rules', { deterministic: true, varargs: false }, (jurisdictions: unknown) => placesWithRules(typeof jurisdictions === 'string' ? jurisdictions : ''));
}
