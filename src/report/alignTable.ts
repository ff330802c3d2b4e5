/**
 * Pads a table of strings into aligned columns (two spaces between columns,
 * trailing spaces trimmed): the tables the CLI prints.
 *
 * @example alignTable([['a', 'bb'], ['ccc', 'd']]) // 'a    bb\nccc  d'
 */
export function alignTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}
