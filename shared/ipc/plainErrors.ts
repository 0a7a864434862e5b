// zod's own words ("Invalid input: expected string, received number") said plainly, for the
// problems a schema does not word itself. Every request is parsed with this (core/handlers.ts);
// zod asks a schema's own message first, so a field that says its rule keeps saying it.
import type { z } from 'zod';

const KINDS = new Map<string, string>([
  ['string', 'text'],
  ['number', 'a number'],
  ['int', 'a whole number'],
  ['bigint', 'a whole number'],
  ['boolean', 'true or false'],
  ['array', 'a list'],
  ['object', 'a group of fields'],
  ['record', 'a group of fields'],
  ['date', 'a date'],
]);

const quoted = (value: unknown) => JSON.stringify(typeof value === 'string' ? value.slice(0, 40) : String(value));

function limit(issue: { origin: string; inclusive?: boolean }, bound: number | bigint, side: 'at least' | 'at most'): string | undefined {
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') return `must be ${side} ${bound} character${bound === 1 ? '' : 's'}`;
  if (issue.origin === 'array' || issue.origin === 'set') return `must have ${side} ${bound} item${bound === 1 ? '' : 's'}`;
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
    if (inclusive) return `must be ${side} ${bound}`;
    return `must be ${side === 'at least' ? 'more' : 'less'} than ${bound}`;
  }
  return undefined;
}

/** The plain words for a problem zod found (undefined: zod's own, for what is not listed). */
export function plainZodMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return KINDS.has(issue.expected) ? `must be ${KINDS.get(issue.expected)!}` : undefined;
    case 'unrecognized_keys':
      return `has no field ${issue.keys.map(quoted).join(' or ')}`;
    case 'invalid_key':
      return `cannot have ${quoted(issue.input)}: ${issue.issues[0]?.message ?? 'it is not one this field takes'}`;
    case 'invalid_value':
      return issue.values.length <= 12 ? `must be one of ${issue.values.map(quoted).join(', ')}` : 'is not one of the values this field takes';
    case 'too_small':
      return limit(issue, issue.minimum, 'at least');
    case 'too_big':
      return limit(issue, issue.maximum, 'at most');
    default:
      return undefined;
  }
}
