export interface MarkdownSection {
  /** The heading's text; undefined for what comes before the first heading. */
  heading?: string;
  /** The section's text, its heading line included. */
  text: string;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$|^ {0,3}(#{1,6})[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

interface Heading {
  line: number;
  level: number;
  text: string;
}

function headingsOf(lines: string[]): Heading[] {
  const out: Heading[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const f = FENCE.exec(line);
    if (f) {
      const marker = f[1] as string;
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const h = ATX.exec(line);
    if (h) out.push({ line: i, level: (h[1] ?? h[3] ?? '#').length, text: (h[2] ?? '').trim() });
  }
  return out;
}

/**
 * Splits Markdown at its top-level headings: those of the highest level the document uses (a file whose
 * headings start at "##" splits there). Headings inside fenced code are not headings. Text before the
 * first heading is a section of its own when it is not blank. Only ATX headings ("# Title") are seen.
 */
export function splitMarkdownSections(markdown: string): MarkdownSection[] {
  const lines = markdown.split(/\r?\n/);
  const headings = headingsOf(lines);
  if (headings.length === 0) return markdown.trim() ? [{ text: markdown.trim() }] : [];
  const top = Math.min(...headings.map((h) => h.level));
  const starts = headings.filter((h) => h.level === top);
  const sections: MarkdownSection[] = [];
  const preamble = lines
    .slice(0, (starts[0] as Heading).line)
    .join('\n')
    .trim();
  if (preamble) sections.push({ text: preamble });
  starts.forEach((h, i) => {
    const end = starts[i + 1]?.line ?? lines.length;
    sections.push({ heading: h.text, text: lines.slice(h.line, end).join('\n').trim() });
  });
  return sections;
}

/** The text of the first ATX heading outside code, for a title. */
export function firstHeading(markdown: string): string | undefined {
  return headingsOf(markdown.split(/\r?\n/))[0]?.text || undefined;
}
