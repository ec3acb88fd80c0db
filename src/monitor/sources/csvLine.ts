/**
 * Splits one CSV line (RFC 4180 quoting: "a ""quoted"" cell") into trimmed cells, or returns why it
 * cannot. Records are one line each: a quoted cell that runs past the end of its line is an error,
 * which keeps a single broken quote from swallowing the rest of the file.
 */
export function splitCsvLine(line: string): string[] | { error: string } {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  if (!text.includes('"')) return text.split(',').map((c) => c.trim());
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"') {
      let cell = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return { error: `quoted cell ${cells.length + 1} is not closed on its line` };
        cell += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          cell += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') {
        return { error: `unexpected text after the closing quote of cell ${cells.length + 1}` };
      }
      cells.push(cell);
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      cells.push(text.slice(i, end).trim());
      i = end;
    }
    if (i >= text.length) return cells;
    i++; // the comma
    if (i === text.length) {
      cells.push('');
      return cells;
    }
  }
}
