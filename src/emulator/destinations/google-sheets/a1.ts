/**
 * A1 notation as the Sheets API reads it: `Sheet1!A1:H5`, `'My tab'!A:H`, `Sheet1!A5`, `Sheet1`. Written for the
 * emulator alone (the connector builds ranges with its own code), so a mistake on one side shows up in tests.
 */

export interface A1Range {
  readonly sheet: string;
  /** 0-based; 0 when the range names the whole sheet. */
  readonly startCol: number;
  /** 0-based; 0 when the range leaves the row out (`A:H`). */
  readonly startRow: number;
  /** 0-based, inclusive; undefined = open-ended. */
  readonly endCol: number | undefined;
  readonly endRow: number | undefined;
}

/** `A` → 0, `Z` → 25, `AA` → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → `A`, 26 → `AA`. */
export function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const CELL = /^([A-Za-z]{1,3})?(\d+)?$/;

/** Parses a range; null when it cannot be read (the API answers "Unable to parse range"). */
export function parseA1(text: string): A1Range | null {
  let sheet: string;
  let rest: string | undefined;
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    for (; i < text.length; i++) {
      if (text[i] === "'" && text[i + 1] === "'") {
        name += "'";
        i++;
      } else if (text[i] === "'") break;
      else name += text[i];
    }
    if (i >= text.length) return null;
    sheet = name;
    const after = text.slice(i + 1);
    if (after !== '' && !after.startsWith('!')) return null;
    rest = after === '' ? undefined : after.slice(1);
  } else {
    const bang = text.indexOf('!');
    sheet = bang < 0 ? text : text.slice(0, bang);
    rest = bang < 0 ? undefined : text.slice(bang + 1);
  }
  if (sheet === '') return null;
  if (rest === undefined) return { sheet, startCol: 0, startRow: 0, endCol: undefined, endRow: undefined };
  const [from, to, extra] = rest.split(':');
  if (extra !== undefined || from === undefined || from === '') return null;
  const a = CELL.exec(from);
  const b = to === undefined ? null : CELL.exec(to);
  if (!a || (to !== undefined && !b)) return null;
  const startCol = a[1] ? columnIndex(a[1]) : 0;
  const startRow = a[2] ? Number(a[2]) - 1 : 0;
  if (to === undefined) return { sheet, startCol, startRow, endCol: startCol, endRow: a[2] ? startRow : undefined };
  return {
    sheet,
    startCol,
    startRow,
    endCol: b?.[1] ? columnIndex(b[1]) : undefined,
    endRow: b?.[2] ? Number(b[2]) - 1 : undefined,
  };
}

/** `'Sheet'!A1:H5` (quotes always; the API accepts them for every name). */
export function formatA1(sheet: string, startCol: number, startRow: number, endCol: number, endRow: number): string {
  return `'${sheet.replace(/'/g, "''")}'!${columnName(startCol)}${startRow + 1}:${columnName(endCol)}${endRow + 1}`;
}
