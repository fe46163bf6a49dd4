import { parseHtmlPage } from '../parse/html-page';
import { renderersFor } from '../templates/tables';
import type { InputFormat } from './format';

/**
 * A web page as a browser saves it (`.html`), site chrome included: checked, never edited (its markup is the
 * site's). The whole page is one block: where the report's body starts and ends depends on all of it.
 */
export const HTML: InputFormat = {
  id: 'html',
  extensions: ['.html', '.htm'],
  languageIds: ['html'],
  editable: false,
  lineTables: false,
  markedHeadings: false,
  comments: false,
  blockEnd: (lines) => lines.length,
  parseBlock: parseHtmlPage,
  // Tables offered for a page (hover, lens previews) are written as Markdown would have them.
  ...renderersFor('markdown'),
  headingMark: () => '',
  tablesApart: true,
  pipeTables: false,
  fillCell: (_line, range, text) => ({ range, newText: text }),
  appendCell: (_line, end, text) => ({ range: { start: end, end }, newText: text }),
};
