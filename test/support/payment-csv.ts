/**
 * The rows of a payment export's CSV file (`;`-separated, CRLF, one header row; packages/oioubl/README.md, "Payment
 * export"), each as its columns by header name. A leading byte-order mark is dropped (fetch's `text()` already drops
 * it; a file read from disk keeps it).
 */
export function csvRows(text: string): Record<string, string>[] {
  const [header = '', ...rows] = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((line) => line !== '');
  const columns = header.split(';');
  return rows.map((row) =>
    Object.fromEntries(row.split(';').map((value, index) => [columns[index] ?? '', value])),
  );
}
