/** What an error code's problem document says besides the code: its HTTP status and its title. */
export interface StatusAndTitle {
  readonly status: number;
  readonly title: string;
}

/** Catalogue entries of codes that share one HTTP status: `{ CODE: title }` becomes `{ CODE: { status, title } }`. */
export function withStatus<Titles extends Readonly<Record<string, string>>>(
  status: number,
  titles: Titles,
): { readonly [Code in keyof Titles]: StatusAndTitle } {
  return Object.fromEntries(Object.entries(titles).map(([code, title]) => [code, { status, title }])) as {
    readonly [Code in keyof Titles]: StatusAndTitle;
  };
}
