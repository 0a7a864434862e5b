// The primitives every feature's part of the contract is built from, and the error envelope.
import { z } from 'zod';

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const IsoInstant = z.iso.datetime({ offset: true });

export const Text = (max: number) => z.string().max(max, `at most ${max} characters`);

export const NameField = Text(100).trim();

export const Base64 = z.string().max(200_000_000, 'The file is too large (over 150 MB).').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The file data is not base64.');

export const ERROR_CODES = [
  'invalid_request',
  'unknown_channel',
  'invalid_phone',
  'not_found',
  'dial_refused',
  'outside_hours',
  'conflict',
  'forbidden',
  /** The call log file is damaged: only the recovery screen's actions can run. */
  'database_damaged',
  'internal',
  /** The team's database cannot be reached now: the desk works on and syncs later. */
  'unreachable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  /** Field name → message, for forms. */
  fields?: Record<string, string>;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };
