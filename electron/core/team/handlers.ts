import type { HandlersOf, Services } from '../handlers';

type TeamChannels = 'team.status' | 'team.join' | 'team.sync' | 'team.claim' | 'team.release';

export function teamHandlers({ ctx, team }: Services): HandlersOf<TeamChannels> {
  // Each change the screen shows is announced after it is done, whether it worked or not (a
  // failed sync is recorded in the desk's file, and the screen says so).
  const announced = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      ctx.effects.emit('team.changed', {});
    }
  };
  return {
    'team.status': () => {
      const status = team.status();
      return status.joined ? { ...status, syncing: team.busy } : status;
    },
    'team.join': ({ url, rep }) => announced(() => team.join(url, rep)),
    'team.sync': () => announced(() => team.sync()),
    'team.claim': ({ count }) => announced(async () => ({ claimed: (await team.claim(count)).claimed.length })),
    'team.release': () => announced(() => team.release()),
  };
}
