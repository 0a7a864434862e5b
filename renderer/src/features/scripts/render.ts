// Script Markdown to inert HTML. markdown-it with raw HTML off (any tag in a script is shown as
// text), links turned into plain text with the address beside (nothing in a script can navigate
// the app or open a page), images shown as their description. Merge fields are replaced after
// rendering by escaped text, so a lead's data is always text, never markup.
import MarkdownIt from 'markdown-it';
import { mergePieces, type MergeValues } from '../../../../shared/domain/scripts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
md.renderer.rules.link_open = (tokens, index) => {
  const href = tokens[index]!.attrGet('href') ?? '';
  return `<span class="script-link" title="${md.utils.escapeHtml(href)}">`;
};
md.renderer.rules.link_close = (tokens, index) => {
  const open = [...tokens.slice(0, index)].reverse().find((t) => t.type === 'link_open');
  const href = open?.attrGet('href') ?? '';
  return `</span>${href ? ` <span class="script-link-address">(${md.utils.escapeHtml(href)})</span>` : ''}`;
};
md.renderer.rules.image = (tokens, index) => `<span class="script-image">[image: ${md.utils.escapeHtml(tokens[index]!.content)}]</span>`;
// Task-list items ("- [ ] …") are rendered by the checklist component, not as text.
md.disable(['html_block', 'html_inline']);

const TOKEN = /\uE000(\d+)\uE001/g;

export function escapeHtml(text: string): string {
  return md.utils.escapeHtml(text);
}

/** Render a script (or one section of it) with its merge fields filled. A missing value is a
 *  visible blank to fill, named after its field. */
export function renderScript(markdown: string, values: MergeValues): string {
  const pieces = mergePieces(markdown, values);
  const fields: { field: string; value: string | null }[] = [];
  const source = pieces
    .map((p) => {
      if (p.text !== undefined) return p.text;
      fields.push({ field: p.field!, value: p.value ?? null });
      return `\uE000${fields.length - 1}\uE001`;
    })
    .join('');
  return md.render(source).replace(TOKEN, (_, i: string) => {
    const f = fields[Number(i)]!;
    return f.value === null
      ? `<span class="merge-blank" title="No value for ${escapeHtml(f.field)}: fill it in as you speak">____ (${escapeHtml(f.field)})</span>`
      : `<span class="merge-value">${escapeHtml(f.value)}</span>`;
  });
}
