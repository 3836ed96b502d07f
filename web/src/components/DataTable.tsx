import type { ReactNode } from 'react';

/** A column heading: its text, or text whose column holds amounts (right-aligned); `false` leaves the column out. */
export type ColumnHeading = string | { readonly text: string; readonly amount: true } | false;

/**
 * The dkfds table every list and account uses: a caption (hidden when the heading above says the same), column
 * headings with `scope="col"`, the rows the caller gives, and an optional footer of totals.
 */
export function DataTable({
  caption,
  captionHidden = false,
  className = 'table table--zebra',
  columns,
  footer,
  children,
}: {
  caption: ReactNode;
  captionHidden?: boolean;
  className?: string;
  columns: readonly ColumnHeading[];
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <table className={className}>
      <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, index) =>
            column === false ? null : typeof column === 'string' ? (
              <th scope="col" key={index}>
                {column}
              </th>
            ) : (
              <th scope="col" className="amount" key={index}>
                {column.text}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
      {footer !== undefined && <tfoot>{footer}</tfoot>}
    </table>
  );
}

/** A heading for a column of amounts. */
export const amountColumn = (text: string): ColumnHeading => ({ text, amount: true });
