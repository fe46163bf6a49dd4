import { parseTextBlock } from '../parse/text-block';
import { isBlank } from '../text/lines';
import { renderersFor } from '../templates/tables';
import type { InputFormat } from './format';

/** Plain text as extracted from PDF or Word, or typed: tab-separated lines are table rows. */
export const TEXT: InputFormat = {
  id: 'text',
  extensions: ['.txt'],
  languageIds: ['plaintext', 'nianbao'],
  editable: true,
  lineTables: true,
  markedHeadings: false,
  comments: false,
  blockEnd(lines, i) {
    let j = i;
    while (j < lines.length && !isBlank(lines[j])) j++;
    return j;
  },
  parseBlock: parseTextBlock,
  ...renderersFor('text'),
  headingMark: () => '',
  tablesApart: false,
  pipeTables: false,
  fillCell: (_line, range, text) => ({ range, newText: text }),
  appendCell: (_line, end, text) => ({ range: { start: end, end }, newText: `\t${text}` }),
};
