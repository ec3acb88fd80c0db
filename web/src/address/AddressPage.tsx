import { useState } from 'react';
import type { PageProps } from '../pageProps.js';
import { useApiData } from '../useApiData.js';
import { ActivityChart } from './ActivityChart.js';
import { type AddressViewOptions, addressView } from './addressApi.js';
import { ClusterPanel } from './ClusterPanel.js';
import { LabelChips } from './LabelChips.js';
import { NeighbourhoodGraph } from './NeighbourhoodGraph.js';
import { NodeTable } from './NodeTable.js';
import { RiskSummary } from './RiskSummary.js';
import './address.css';

const HOPS = [1, 2, 3] as const;
const SIZES = [30, 60, 120, 200] as const;
const BUCKETS = ['auto', 'hour', 'day'] as const;

/**
 * One address as the stored transfer graph knows it: labels, risk and the sources behind it, the
 * drawn neighbourhood, activity over time and the entity cluster.
 */
export function AddressPage(props: PageProps & { chain: string; address: string }) {
  const { api, chain, address } = props;
  const [options, setOptions] = useState<AddressViewOptions>({ hops: 2, maxNodes: 60, bucket: 'auto' });
  const { data, error, loading } = useApiData(
    () => addressView(api, chain, address, options),
    [api, chain, address, options.hops, options.maxNodes, options.bucket],
    props.onUnauthorized,
  );
  const set = <K extends keyof AddressViewOptions>(key: K, value: AddressViewOptions[K]) =>
    setOptions((o) => ({ ...o, [key]: value }));
  const view = error ? undefined : data;

  return (
    <main className="page address-page" data-testid="address-page">
      <header className="address-head">
        <h2>
          <span className="chain">{chain}</span>{' '}
          <code data-testid="address-title">{view?.address ?? address}</code>
        </h2>
        {view && <LabelChips labels={view.labels} />}
        {loading && <span className="muted">loading…</span>}
      </header>
      <div className="address-controls">
        <label>
          hops{' '}
          <select
            aria-label="hops"
            value={options.hops}
            onChange={(e) => set('hops', Number(e.target.value))}
          >
            {HOPS.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
        <label>
          at most{' '}
          <select
            aria-label="most addresses drawn"
            value={options.maxNodes}
            onChange={(e) => set('maxNodes', Number(e.target.value))}
          >
            {SIZES.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>{' '}
          addresses
        </label>
        <label>
          buckets{' '}
          <select
            aria-label="activity buckets"
            value={options.bucket}
            onChange={(e) => set('bucket', e.target.value as AddressViewOptions['bucket'])}
          >
            {BUCKETS.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </label>
        {view && (
          <span className="muted">
            graph of {view.graph.nodes.toLocaleString()} addresses, saved{' '}
            {new Date(view.graph.savedAt).toLocaleString()}
          </span>
        )}
      </div>
      {error && (
        <p className="error address-error" data-testid="address-error" role="alert">
          {error}
        </p>
      )}
      {view && (
        <div className="address-grid">
          <NeighbourhoodGraph chain={view.chain} hood={view.neighbourhood} />
          <div className="address-side">
            <RiskSummary chain={view.chain} risk={view.risk} />
            <ClusterPanel view={view} />
          </div>
          <ActivityChart activity={view.activity} />
          <NodeTable chain={view.chain} hood={view.neighbourhood} />
        </div>
      )}
    </main>
  );
}
