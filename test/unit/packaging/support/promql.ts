/** A metric a PromQL expression selects, with the label names it matches on. */
export interface Selector {
  readonly metric: string;
  readonly labels: readonly string[];
}

/** What a PromQL expression refers to: the metrics it selects and the labels it groups by. */
export interface References {
  readonly selectors: readonly Selector[];
  readonly groupingLabels: readonly string[];
}

const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/**
 * The metric names and label names a PromQL expression refers to — enough of PromQL to check a dashboard against
 * the metrics that exist: string literals, durations and numbers are skipped, `{…}` matchers give the selector's
 * labels, `by|without|on|ignoring (…)` the grouping labels, an identifier followed by `(` is a function or an
 * aggregation (also when `by (…)` comes first), any other identifier is a metric name. Grafana's `$variables` are replaced by a placeholder first.
 */
export function references(expression: string): References {
  const text = expression
    .replace(/\$\{?\w+\}?/g, 'X')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\[[^\]]*\]/g, '');
  const selectors: Selector[] = [];
  const groupingLabels: string[] = [];
  const token = /([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\{[^}]*\})?\s*(\()?/g;
  let match: RegExpExecArray | null;
  let grouping = false;
  while ((match = token.exec(text)) !== null) {
    const [, name, matchers, call] = match as unknown as [
      string,
      string,
      string | undefined,
      string | undefined,
    ];
    const lower = name.toLowerCase();
    if (['by', 'without', 'on', 'ignoring', 'group_left', 'group_right'].includes(lower)) {
      grouping = call !== undefined;
      if (grouping) {
        const close = text.indexOf(')', token.lastIndex);
        groupingLabels.push(
          ...text
            .slice(token.lastIndex, close)
            .split(',')
            .map((label) => label.trim())
            .filter((label) => label !== ''),
        );
        token.lastIndex = close + 1;
      }
      continue;
    }
    if (KEYWORDS.has(lower) || /^\d/.test(name)) {
      continue;
    }
    if (call !== undefined && matchers === undefined) {
      continue; // a function or an aggregation
    }
    if (matchers === undefined && /^(by|without)\s*\(/i.test(text.slice(token.lastIndex))) {
      continue; // an aggregation with its grouping first: sum by (…) (…)
    }
    const labels = [...(matchers ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)/g)].map(
      (m) => m[1]!,
    );
    selectors.push({ metric: name, labels });
    if (call !== undefined) {
      token.lastIndex -= 1; // the "(" after a selector belongs to what follows
    }
  }
  return { selectors, groupingLabels };
}
