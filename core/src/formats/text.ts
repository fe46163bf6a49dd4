import { parseTextBlock } from '../parse/text-block';
import { isBlank } from '../text/lines';
import { renderT2Block, renderT2Row, renderT3Row, renderTable } from '../templates/tables';
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
  renderTable: (kind, form, values) => renderTable(kind, 'text', form, values),
  renderT2Block: (item, form, values) => renderT2Block(item, 'text', form, values),
  renderT3Row: (key, form, values, cells) => renderT3Row(key, 'text', form, values, cells),
  renderT2Row: (key, form, values) => renderT2Row(key, 'text', form, values),
  headingMark: () => '',
  tablesApart: false,
  pipeTables: false,
  fillCell: (_line, range, text) => ({ range, newText: text }),
  appendCell: (_line, end, text) => ({ range: { start: end, end }, newText: `\t${text}` }),
};
