/** Progress of a long import or export, as the core reports it (recorded by invalidation.ts). */
export const progressKey = {
  import: (stageId: string) => ['progress', 'import', stageId] as const,
  export: (what: 'contacts' | 'duds' | 'tasks' | 'calls' | 'lost', importId: number | null) => ['progress', 'export', what, importId] as const,
  /** Saving what a damaged file still holds: the table being read and its rows so far. */
  recovery: () => ['progress', 'recovery'] as const,
};
