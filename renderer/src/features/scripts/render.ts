// Script Markdown to inert HTML. markdown-it with raw HTML off (any tag in a script is shown as
// text), links turned into plain text with the address beside (nothing in a script can navigate
// the app or open a page), images shown as their description. Merge fields are replaced after
// rendering by escaped text, so a lead's data is always text, never markup.
import MarkdownIt from 'markdown-it';
import { mergePieces, type MergeValues } from '../../../../shared/domain/scripts';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

/** The merge fields of the text being rendered, passed to the rules as markdown-it's env. */
interface RenderEnv {
  fields: { field: string; value: string | null }[];
}

/** A link's address as plain text, its merge fields filled in as text: inside an attribute a
 *  field cannot be the <span> it is in the text (it would end the attribute). markdown-it has
 *  percent-encoded the placeholders' private-use characters: read back first. */
function addressText(href: string, env: RenderEnv | undefined): string {
  let address = href;
  try {
    address = decodeURI(href);
  } catch {
    // Not decodable: shown as it is.
  }
  return address.replace(TOKEN, (_, i: string) => {
    const f = env?.fields[Number(i)];
    return f ? (f.value ?? `____ (${f.field})`) : '';
  });
}

md.renderer.rules.link_open = (tokens, index, _options, env: RenderEnv) => {
  const href = tokens[index]!.attrGet('href') ?? '';
  return `<span class="script-link" title="${md.utils.escapeHtml(addressText(href, env))}">`;
};
md.renderer.rules.link_close = (tokens, index, _options, env: RenderEnv) => {
  const open = [...tokens.slice(0, index)].reverse().find((t) => t.type === 'link_open');
  const href = open?.attrGet('href') ?? '';
  return `</span>${href ? ` <span class="script-link-address">(${md.utils.escapeHtml(addressText(href, env))})</span>` : ''}`;
};
md.renderer.rules.image = (tokens, index) => `<span class="script-image">[image: ${md.utils.escapeHtml(tokens[index]!.content)}]</span>`;
// A code block is shown as it is, without its info string: a script has no language to colour,
// and a merge field there would land inside the class attribute.
md.renderer.rules.fence = (tokens, index) => `<pre><code>${md.utils.escapeHtml(tokens[index]!.content)}</code></pre>\n`;
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
  const env: RenderEnv = { fields };
  return md.render(source, env).replace(TOKEN, (_, i: string) => {
    const f = fields[Number(i)]!;
    return f.value === null
      ? `<span class="merge-blank" title="No value for ${escapeHtml(f.field)}: fill it in as you speak">____ (${escapeHtml(f.field)})</span>`
      : `<span class="merge-value">${escapeHtml(f.value)}</span>`;
  });
}
