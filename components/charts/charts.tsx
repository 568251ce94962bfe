/**
 * Small SVG charts for the dashboard. Colours are distinguishable for colour-blind readers
 * (blue/orange), every chart has a title for screen readers, and the numbers are always also
 * available as a table next to it.
 */

export type LinePoint = { label: string; value: number | null };

export function LineChart({ title, points, format, height = 140 }: { title: string; points: LinePoint[]; format: (v: number) => string; height?: number }) {
  const width = 560;
  const pad = { left: 44, right: 12, top: 10, bottom: 22 };
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const max = Math.max(...values) * 1.1 || 1;
  const x = (i: number) => pad.left + (i * (width - pad.left - pad.right)) / Math.max(1, points.length - 1);
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const path = points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .filter(Boolean)
    .join(" L ");
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={title}>
      <title>{title}</title>
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line x1={pad.left} x2={width - pad.right} y1={y(max * f)} y2={y(max * f)} stroke="#e2e8f0" />
          <text x={pad.left - 4} y={y(max * f) + 3} textAnchor="end" fontSize="10" fill="#64748b">
            {format(max * f)}
          </text>
        </g>
      ))}
      <path d={`M ${path}`} fill="none" stroke="#1d4ed8" strokeWidth="2" />
      {points.map((p, i) =>
        p.value === null ? null : (
          <g key={p.label}>
            <circle cx={x(i)} cy={y(p.value)} r="3" fill="#1d4ed8">
              <title>{`${p.label}: ${format(p.value)}`}</title>
            </circle>
            {i % Math.ceil(points.length / 6) === 0 || i === points.length - 1 ? (
              <text x={x(i)} y={height - 6} textAnchor={i === points.length - 1 ? "end" : i === 0 ? "start" : "middle"} fontSize="10" fill="#64748b">
                {p.label}
              </text>
            ) : null}
          </g>
        ),
      )}
    </svg>
  );
}

export type BarGroup = { label: string; a: number; b: number };

/** Paired bars per label (e.g. open vs overdue per week). */
export function PairedBars({ title, groups, legend, format, height = 140 }: { title: string; groups: BarGroup[]; legend: [string, string]; format: (v: number) => string; height?: number }) {
  const width = 560;
  const pad = { left: 44, right: 12, top: 18, bottom: 22 };
  if (groups.length === 0) return null;
  const max = Math.max(1, ...groups.flatMap((g) => [g.a, g.b])) * 1.1;
  const slot = (width - pad.left - pad.right) / groups.length;
  const bar = Math.max(2, slot / 2 - 3);
  const h = (v: number) => (v / max) * (height - pad.top - pad.bottom);
  const base = height - pad.bottom;
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={title}>
      <title>{title}</title>
      <rect x={pad.left} y={2} width={10} height={8} fill="#1d4ed8" />
      <text x={pad.left + 14} y={9} fontSize="10" fill="#334155">
        {legend[0]}
      </text>
      <rect x={pad.left + 120} y={2} width={10} height={8} fill="#ea580c" />
      <text x={pad.left + 134} y={9} fontSize="10" fill="#334155">
        {legend[1]}
      </text>
      <text x={pad.left - 4} y={pad.top + 4} textAnchor="end" fontSize="10" fill="#64748b">
        {format(max)}
      </text>
      {groups.map((g, i) => (
        <g key={g.label}>
          <rect x={pad.left + i * slot + 1} y={base - h(g.a)} width={bar} height={h(g.a)} fill="#1d4ed8">
            <title>{`${g.label} ${legend[0]}: ${format(g.a)}`}</title>
          </rect>
          <rect x={pad.left + i * slot + 2 + bar} y={base - h(g.b)} width={bar} height={h(g.b)} fill="#ea580c">
            <title>{`${g.label} ${legend[1]}: ${format(g.b)}`}</title>
          </rect>
          {i % 2 === 0 ? (
            <text x={pad.left + i * slot + slot / 2} y={height - 6} textAnchor="middle" fontSize="10" fill="#64748b">
              {g.label}
            </text>
          ) : null}
        </g>
      ))}
      <line x1={pad.left} x2={width - pad.right} y1={base} y2={base} stroke="#94a3b8" />
    </svg>
  );
}
