import type { Dialer } from '../core/ports';
import { openAllowedExternal } from './externalLinks';

export const shellDialer: Dialer = { open: (uri, preset) => openAllowedExternal(uri, preset) };
