import { type FormEvent, useState } from 'react';

export function LoginPage(props: { message: string | undefined; onKey(key: string): void }) {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const key = value.trim();
    if (key) props.onKey(key);
  };
  return (
    <main className="login">
      <h1>Argus</h1>
      <form onSubmit={submit}>
        <label>
          API key
          <input
            type="password"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            placeholder="argus_…"
            aria-label="API key"
          />
        </label>
        <button type="submit">Sign in</button>
      </form>
      {props.message && <p className="error">{props.message}</p>}
      <p className="hint">
        <code>npm start</code> prints an address with a fresh key; otherwise create one with{' '}
        <code>argus apikey create &lt;name&gt;</code>.
      </p>
    </main>
  );
}
