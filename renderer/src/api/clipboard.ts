// Text onto the clipboard. The Clipboard API first; where the page is refused it (the app's
// window grants no permission, see electron/main/guards.ts), the copy command on a selected
// field, which needs none on a key press or click.
export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Fall through to the copy command.
  }
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(field);
  field.select();
  const copied = document.execCommand('copy');
  field.remove();
  before?.focus();
  if (!copied) throw new Error('The clipboard refused the text: select it below and copy it by hand.');
}
