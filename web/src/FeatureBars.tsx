import type { Evidence } from './types.js';

type Feature = Extract<Evidence, { kind: 'feature' }>;

/**
 * Each feature's value against its baseline as two horizontal bars on a shared per-row scale, so
 * "41 times its usual" reads at a glance. A few bars need no chart library: plain SVG that shrinks
 * with the panel.
 */
export function FeatureBars(props: { features: Feature[] }) {
  const width = 220;
  return (
    <table className="features">
      <tbody>
        {props.features.map((f) => {
          const max = Math.max(Math.abs(f.value), Math.abs(f.baseline ?? 0), Number.EPSILON);
          const bar = (v: number) => Math.max(1, (Math.abs(v) / max) * width);
          return (
            <tr key={f.name}>
              <th scope="row">{f.name}</th>
              <td>
                <svg
                  className="feature-bar"
                  viewBox={`0 0 ${width} 22`}
                  preserveAspectRatio="none"
                  role="img"
                  aria-label={`${f.name} ${f.value} vs ${f.baseline}`}
                >
                  <rect className="bar-value" x={0} y={2} height={8} width={bar(f.value)} />
                  {f.baseline !== undefined && (
                    <rect className="bar-baseline" x={0} y={12} height={8} width={bar(f.baseline)} />
                  )}
                </svg>
              </td>
              <td className="num">
                {fmt(f.value)}
                {f.baseline !== undefined && <span className="muted"> vs {fmt(f.baseline)}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(3);
}
