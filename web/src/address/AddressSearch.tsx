import { useState } from 'react';
import { addressPath, navigate } from '../route.js';
import { CHAINS } from './addressApi.js';
import './addressShared.css';

/** Look up an address: a chain and an address, opened as the address page (the page reports bad input). */
export function AddressSearch() {
  const [chain, setChain] = useState<string>('ethereum');
  const [address, setAddress] = useState('');
  return (
    <form
      className="address-search"
      data-testid="address-search"
      onSubmit={(e) => {
        e.preventDefault();
        const wanted = address.trim();
        if (wanted === '') return;
        navigate(addressPath(chain, wanted));
        setAddress('');
      }}
    >
      <select aria-label="Chain" value={chain} onChange={(e) => setChain(e.target.value)}>
        {CHAINS.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label="Address lookup"
        placeholder="address…"
        spellCheck={false}
        autoComplete="off"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
      />
      <button type="submit">Open</button>
    </form>
  );
}
