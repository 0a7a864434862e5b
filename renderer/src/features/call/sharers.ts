// Who else shares a lead's number, in the words the call screen and the do-not-call question use.
import { andList } from '../../components/format';

/** Another lead on the number (a switchboard colleague, a shared office line). */
export interface NumberSharer {
  name: string;
  extension: string | null;
}

/** Named in full up to this many; beyond it, the first few and "and N others". */
const NAMED_AT_MOST = 6;

/** "Ann Lee (ext. 12) and Bob Ray": who else a do-not-call on the number stops (it is kept per
 *  number, so it stops every lead on it, not only the one on screen). */
export function sharersText(others: readonly NumberSharer[], total: number = others.length): string {
  const named = others.map((o) => (o.extension ? `${o.name} (ext. ${o.extension})` : o.name));
  // `others` holds the first names only when the number has many leads; `total` counts them all.
  const all = Math.max(total, named.length);
  const shown = all > NAMED_AT_MOST ? [...named.slice(0, NAMED_AT_MOST - 1), `${all - (NAMED_AT_MOST - 1)} others`] : named;
  return andList(shown);
}
