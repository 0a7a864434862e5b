import type { HandlersOf, Services } from '../handlers';

export function backupsHandlers({ ctx, backups }: Services): HandlersOf<'backups.list' | 'backups.create'> {
  return {
    'backups.list': async () => {
      const nextAt = backups.nextAt();
      return { folder: backups.folder, kept: ctx.settings.get('backupsKept'), backups: await backups.list(), nextAt: nextAt === null ? null : new Date(nextAt).toISOString() };
    },
    'backups.create': () => backups.create('manual'),
  };
}
