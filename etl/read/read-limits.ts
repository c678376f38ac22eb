/**
 * How much a reader takes in before it refuses a file: far above any real visit log, far below what
 * would take the memory of the server. A file past a limit is rejected whole with a reason.
 */
export const READ_LIMITS = {
  /** One physical line of a CSV or JSON Lines file (a real one is a few hundred characters). */
  lineChars: 1 << 20,
  /** A workbook's parts unpacked, all together: a 100,000-row journal unpacks to about 60 MB. */
  xlsxInflatedBytes: 256 << 20,
  /** The shared-strings part, which the reader keeps in memory while it reads the sheets. */
  xlsxSharedStringsBytes: 64 << 20,
  /** Bytes between two XML tags: one cell's text (Excel's limit is 32,767 characters, 6 bytes each at worst). */
  xlsxTextRunBytes: 256 << 10,
  /** Excel's own sheet size. */
  xlsxRows: 1_048_576,
  /** A journal has a couple of dozen columns. */
  xlsxColumns: 1024,
  /** One Arrow message's metadata (a schema of a few dozen fields is a few KB). */
  arrowMetadataBytes: 1 << 20,
  /** One Arrow record batch's body, held in memory while its rows are read. */
  arrowBatchBytes: 128 << 20,
  arrowBatchRows: 4_000_000,
} as const;
