import type { ExcerptRow } from './auditTypes.js';

/**
 * Source lines with their numbers, the lines a finding points at highlighted (and marked with a bar,
 * so the highlight does not rest on colour alone). Text is rendered as text: audited code cannot
 * inject markup.
 */
export function CodeExcerpt(props: { rows: readonly ExcerptRow[]; label?: string }) {
  if (props.rows.length === 0) return null;
  return (
    <figure className="code-excerpt" data-testid="code-excerpt">
      {props.label && <figcaption>{props.label}</figcaption>}
      <pre>
        <code>
          {props.rows.map((row, i) =>
            'gap' in row ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no line number; its place is its identity
              <span key={`gap-${i}`} className="excerpt-gap" title="lines left out">
                <span className="ln">⋮</span>
                {'\n'}
              </span>
            ) : (
              <span
                key={row.line}
                className={row.flagged ? 'excerpt-line flagged' : 'excerpt-line'}
                data-line={row.line}
                {...(row.flagged ? { 'aria-current': 'true' as const } : {})}
              >
                <span className="ln">{row.line}</span>
                <span className="src">{row.text}</span>
                {'\n'}
              </span>
            ),
          )}
        </code>
      </pre>
    </figure>
  );
}
