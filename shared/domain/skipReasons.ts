// Why a rep skips the lead on screen, numbered 1–5 on the call screen's skip dialog.
export const SKIP_REASONS = ['Not a good moment to call them', 'Need to research them first', 'Wrong person to call', 'Duplicate of another lead', 'Other'] as const;
