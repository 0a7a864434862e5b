// The test dial: the rep's own number through the phone setting, to see the softphone take it.
// Nothing is written: it is no lead's call.
import { dialLink } from '../../../shared/domain/dialPresets';
import { normalizePhone } from '../../../shared/domain/phone';
import type { CoreContext } from '../context';
import { CoreError } from '../errors';
import type { Dialer } from '../ports';

export class PhoneService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly dialer: Dialer,
  ) {}

  async testDial(): Promise<{ uri: string; number: string }> {
    const { repPhone, defaultCountry, phone } = this.ctx.settings.all();
    if (repPhone === '') {
      throw new CoreError('invalid_request', 'Give your own number in Settings ("Your number") first: the test dial calls it.', { repPhone: 'needed for the test dial' });
    }
    const own = normalizePhone(repPhone, defaultCountry);
    if (!own.ok) throw new CoreError('invalid_request', `Your number: ${own.reason}.`, { repPhone: own.reason });
    const link = dialLink(phone, own.e164, own.extension);
    if (!link.ok) throw new CoreError('dial_refused', `Cannot test-dial ${own.e164}: ${link.reason}.`);
    try {
      await this.dialer.open(link.uri, phone.preset);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim() || 'the system gave no reason';
      throw new CoreError('dial_refused', `The phone did not take ${link.uri}: ${reason}. Check that your softphone is running and opens these links, or choose another preset.`);
    }
    return { uri: link.uri, number: own.e164 };
  }
}
