import type cytoscape from 'cytoscape';
import { useEffect, useMemo, useRef, useState } from 'react';
import { addressPath, navigate } from '../route.js';
import type { AddressNeighbourhood, NeighbourhoodEdge, NeighbourhoodNode } from './addressApi.js';
import { categoryColour, compactNumber, cssColor, LEGEND, UNLABELLED_COLOUR } from './categoryStyle.js';
import { graphElements } from './graphElements.js';

type Layout = 'force' | 'rings';
const RISK_RING = '#e53935';

function layoutOptions(layout: Layout): cytoscape.LayoutOptions {
  if (layout === 'force') {
    return {
      name: 'cose',
      animate: false,
      randomize: false,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 70,
      padding: 20,
    };
  }
  return {
    name: 'concentric',
    concentric: (node) => node.data('level') as number,
    levelWidth: () => 1,
    // Rings evenly apart: a lone hop-1 node would otherwise sit on top of the centre.
    equidistant: true,
    minNodeSpacing: 18,
    animate: false,
    padding: 20,
  };
}

function styles(): cytoscape.StylesheetJson {
  const fg = cssColor('--fg', '#1d2330');
  const bg = cssColor('--bg', '#f7f8fa');
  const line = cssColor('--muted', '#6b7280');
  const accent = cssColor('--accent', '#2f5bea');
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        // Only labelled addresses and the centre are named on the drawing; the rest on hover.
        label: '',
        color: fg,
        'font-size': 10,
        'text-valign': 'bottom',
        'text-margin-y': 3,
        'text-outline-color': bg,
        'text-outline-width': 2,
        width: 22,
        height: 22,
        'border-color': RISK_RING,
        'border-width': 'data(ring)',
      },
    },
    {
      selector: 'node[labelled = 1]',
      style: { width: 28, height: 28, label: 'data(name)', 'font-weight': 'bold' },
    },
    {
      selector: 'node[center = 1]',
      style: {
        width: 46,
        height: 46,
        label: 'data(name)',
        'font-size': 11,
        'font-weight': 'bold',
        'underlay-color': accent,
        'underlay-opacity': 0.35,
        'underlay-padding': 7,
        'underlay-shape': 'ellipse',
      },
    },
    {
      selector: 'node:active, node.hover',
      style: { label: 'data(name)', 'overlay-color': accent, 'overlay-opacity': 0.2, 'z-index': 10 },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': line,
        'line-opacity': 0.55,
        'target-arrow-color': line,
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
      },
    },
    {
      selector: 'edge.hover',
      style: { 'line-color': accent, 'target-arrow-color': accent, 'line-opacity': 1 },
    },
  ];
}

type Hovered = { kind: 'node'; node: NeighbourhoodNode } | { kind: 'edge'; edge: NeighbourhoodEdge };

/**
 * The address's neighbourhood drawn on canvas: a force layout (or rings by hops from the centre),
 * labelled addresses in their category's colour, a ring whose width is the risk score, edges as wide
 * as the value they moved. Clicking an address opens its page.
 */
export function NeighbourhoodGraph(props: { chain: string; hood: AddressNeighbourhood }) {
  const { chain, hood } = props;
  const box = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState<Layout>('force');
  const [rendered, setRendered] = useState({ nodes: 0, edges: 0 });
  const [hovered, setHovered] = useState<Hovered>();
  const elements = useMemo(() => graphElements(hood), [hood]);
  const byAddress = useMemo(() => new Map(hood.nodes.map((n) => [n.address, n])), [hood]);
  const byEdge = useMemo(() => new Map(hood.edges.map((e) => [`${e.from}>${e.to}`, e])), [hood]);

  useEffect(() => {
    const container = box.current;
    if (!container) return;
    let cy: cytoscape.Core | undefined;
    let cancelled = false;
    // Cytoscape is most of the dashboard's weight: loaded only when a graph is drawn.
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled) return;
      const drawn = cytoscape({
        container,
        elements,
        style: styles(),
        layout: layoutOptions(layout),
        minZoom: 0.2,
        maxZoom: 4,
        boxSelectionEnabled: false,
      });
      cy = drawn;
      setRendered({ nodes: drawn.nodes().length, edges: drawn.edges().length });
      drawn.on('tap', 'node', (event) => {
        const address = event.target.id() as string;
        if (byAddress.get(address)?.isCenter) return;
        navigate(addressPath(chain, address));
      });
      drawn.on('mouseover', 'node, edge', (event) => {
        event.target.addClass('hover');
        container.style.cursor = event.target.isNode() ? 'pointer' : 'default';
        const id = event.target.id() as string;
        const node = byAddress.get(id);
        const edge = byEdge.get(id);
        if (node) setHovered({ kind: 'node', node });
        else if (edge) setHovered({ kind: 'edge', edge });
      });
      drawn.on('mouseout', 'node, edge', (event) => {
        event.target.removeClass('hover');
        container.style.cursor = 'default';
      });
    });
    return () => {
      cancelled = true;
      cy?.destroy();
      setRendered({ nodes: 0, edges: 0 });
    };
  }, [elements, layout, chain, byAddress, byEdge]);

  const present = new Set(hood.nodes.map((n) => n.category).filter((c) => c !== undefined));
  return (
    <section className="address-panel graph-panel">
      <header>
        <h3>Neighbourhood</h3>
        <fieldset className="layout-switch" aria-label="graph layout">
          {(['force', 'rings'] as const).map((l) => (
            <label key={l}>
              <input type="radio" name="layout" checked={layout === l} onChange={() => setLayout(l)} /> {l}
            </label>
          ))}
        </fieldset>
      </header>
      <div
        ref={box}
        className="neighbourhood"
        data-testid="neighbourhood-graph"
        data-node-count={rendered.nodes}
        data-edge-count={rendered.edges}
        data-ready={rendered.nodes > 0}
        role="img"
        aria-label={`transfer graph of ${hood.nodes.length} addresses around the address`}
      />
      <p className="legend graph-legend">
        {LEGEND.filter(
          (l) => present.has(l.category) || (l.category === 'phishing' && present.has('scam')),
        ).map((l) => (
          <span key={l.category}>
            <span className="dot" style={{ background: categoryColour(l.category) }} /> {l.name}
          </span>
        ))}
        <span>
          <span className="dot" style={{ background: UNLABELLED_COLOUR }} /> unlabelled
        </span>
        <span>
          <span className="dot ring" /> ring: risk score
        </span>
        <span>edge width: value moved</span>
      </p>
      <p className="graph-summary" data-testid="neighbourhood-summary">
        <strong data-testid="neighbourhood-node-count">{hood.nodes.length}</strong> addresses and{' '}
        {hood.edges.length} flows within {hood.hops} hop{hood.hops === 1 ? '' : 's'}
        {hood.truncated
          ? ` · the heaviest flows and labelled addresses of the ${hood.seen} met (limit ${hood.maxNodes})`
          : ' · complete'}
      </p>
      <p className="hovered muted" aria-live="polite">
        {hovered === undefined
          ? 'Point at an address or a flow for details; click an address to open it.'
          : hovered.kind === 'node'
            ? describeNode(hovered.node)
            : describeEdge(hovered.edge)}
      </p>
    </section>
  );
}

function describeNode(n: NeighbourhoodNode): string {
  const labels = n.labels.map((l) => `${l.label} (${l.category}, ${l.source})`).join('; ');
  return `${n.address}${labels ? ` · ${labels}` : ''} · ${n.hops} hop${n.hops === 1 ? '' : 's'} · risk ${n.risk.toFixed(2)} · ${n.inDegree} senders, ${n.outDegree} receivers`;
}

function describeEdge(e: NeighbourhoodEdge): string {
  const when =
    e.firstTime === e.lastTime
      ? new Date(e.firstTime).toLocaleString()
      : `${new Date(e.firstTime).toLocaleDateString()} – ${new Date(e.lastTime).toLocaleDateString()}`;
  return `${e.from} → ${e.to} · ${compactNumber(e.value)} in ${e.transfers} transfer${e.transfers === 1 ? '' : 's'} · ${when}`;
}
