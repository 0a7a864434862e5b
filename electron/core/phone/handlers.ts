import type { HandlersOf, Services } from '../handlers';

export function phoneHandlers({ phone }: Services): HandlersOf<'phone.testDial'> {
  return {
    'phone.testDial': () => phone.testDial(),
  };
}
