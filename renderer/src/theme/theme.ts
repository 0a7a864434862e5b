import { useEffect } from 'react';
import type { Theme } from '../../../shared/domain/settings';

/** The look from Settings: "system" follows the OS (prefers-color-scheme, in tokens.css); light
 *  or dark is set on the document whatever the OS says. */
export function useTheme(theme: Theme): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
