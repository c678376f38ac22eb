import type { RejectCode, RejectParams } from '../domain/reject-reasons.ts';

const EXPECTED_FORMATS = 'CSV, XLSX, JSON Lines or Arrow expected';
const ARRIVAL_HEADERS = ['Время прихода', 'Приход', 'Келген уақыты', 'Келу уақыты', 'arrived_at'].map((h) => `"${h}"`).join(', ');

const WHERE: Readonly<Record<string, string>> = {
  header: 'the header', sheets: 'any sheet (searched the top 15 rows)', arrow_schema: 'the Arrow schema', json_keys: 'the JSON keys',
};

const p = (params: RejectParams, name: string): string => String(params[name] ?? '?');
const mb = (params: RejectParams, name: string): string => String(Math.round(Number(params[name] ?? 0) / (1 << 20)));

/** The English sentence of the report's `reason` for each code (the Data page words it per language). */
const TEXT: Readonly<Record<RejectCode, (params: RejectParams) => string>> = {
  empty_file: () => 'empty file (0 bytes)',
  blank_only: () => 'no header row: the file holds only blank lines',
  not_a_log: () => `binary data, not a visit log (${EXPECTED_FORMATS})`,
  legacy_xls: () => 'a legacy Excel 97–2003 (.xls) or other OLE document; save the journal as .xlsx',
  pdf: () => `a PDF document, not a visit log (${EXPECTED_FORMATS})`,
  json_array: () => 'a JSON array; JSON Lines expected (one object per line)',
  zip_truncated: () => 'a damaged or truncated zip archive (its directory at the end is missing); an .xlsx workbook expected',
  zip_not_xlsx: () => 'a zip archive that is not an .xlsx workbook (no xl/workbook.xml inside)',
  no_json_object: (x) => `no JSON object on a line of its own in the first ${p(x, 'lines')} lines: JSON Lines expected (one object per line)`,
  no_arrival_column: (x) => `no recognisable arrival-time column in ${WHERE[p(x, 'where')] ?? 'the header'}: found columns ${p(x, 'found')}; expected one of `
    + `${ARRIVAL_HEADERS} (an inspection file needs "inspected_at" / "Дата проверки" instead)`,
  no_office: (x) => 'no office: the rows have no office column (Подразделение, Офис, Бөлімше, office) '
    + `and the file name "${p(x, 'file')}" names none of the registry's offices`,
  missing_iin_key: () => 'the file holds valid IINs but no visitor-hash key is set (VITRINA_IIN_KEY); the file was not loaded',
  line_too_long: (x) => `line ${p(x, 'line')} is longer than ${p(x, 'limit')} characters (a text export's line is a few hundred): not a visit log, or a quote never closed`,
  xlsx_unreadable: (x) => `not a readable .xlsx workbook: ${p(x, 'part')} is damaged`,
  xlsx_inflated_too_large: (x) => `the workbook unpacks to more than ${mb(x, 'limit')} MB (${p(x, 'part')}): too large to be a journal, or a zip bomb; split it into smaller files`,
  xlsx_cell_too_long: (x) => `a cell in ${p(x, 'part')} holds more than ${p(x, 'limit')} characters (Excel's own limit is 32,767)`,
  xlsx_too_many_rows: (x) => `sheet "${p(x, 'sheet')}" goes past row ${p(x, 'limit')}; split it into smaller files`,
  xlsx_too_many_columns: (x) => `row ${p(x, 'row')} of sheet "${p(x, 'sheet')}" has a value in column ${p(x, 'column')}; at most ${p(x, 'limit')} columns are read`,
  arrow_unreadable: () => 'not a readable Arrow IPC file or stream: its schema message is missing or damaged',
  arrow_truncated: (x) => (x.block === null || x.block === undefined
    ? 'the Arrow file is cut short: its footer is missing'
    : x.blocks === null || x.blocks === undefined
      ? `the Arrow file is cut short in block ${p(x, 'block')} (the rest of the file is missing)`
      : `the Arrow file is cut short in block ${p(x, 'block')} of ${p(x, 'blocks')}`),
  arrow_metadata_too_large: (x) => `the Arrow file's block ${p(x, 'block')} declares ${p(x, 'bytes')} bytes of metadata (at most ${p(x, 'limit')}): the file is damaged`,
  arrow_batch_too_large: (x) => `the Arrow file's block ${p(x, 'block')} declares ${mb(x, 'bytes')} MB of data (at most ${mb(x, 'limit')} MB a batch); write it in smaller batches`,
  arrow_damaged: (x) => `the Arrow file is damaged in block ${p(x, 'block')}: its data does not match its description`,
  too_much_memory: (x) => `reading the file needs more than ${p(x, 'limit')} MB of memory; split it into smaller files`,
  too_slow: (x) => `reading the file took longer than ${p(x, 'limit')} seconds; split it into smaller files`,
  unreadable_file: () => 'the file could not be opened for reading',
  internal_error: () => 'the file could not be loaded because of an internal error (logged for the administrator); nothing of it was stored',
};

export function rejectText(code: RejectCode, params: RejectParams): string {
  return TEXT[code](params);
}
