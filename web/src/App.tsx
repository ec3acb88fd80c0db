import { useMemo, useState } from 'react';
import { AlertFeed } from './AlertFeed.js';
import { ArgusApi } from './api.js';
import { LoginPage } from './LoginPage.js';
import { useRoute } from './route.js';
import { currentKey, forgetKey, saveKey } from './session.js';

export function App() {
  const [key, setKey] = useState(currentKey);
  const [loginMessage, setLoginMessage] = useState<string>();
  const route = useRoute();
  const api = useMemo(() => (key ? new ArgusApi(key) : undefined), [key]);

  if (!api) {
    return (
      <LoginPage
        message={loginMessage}
        onKey={(k) => {
          saveKey(k);
          setLoginMessage(undefined);
          setKey(k);
        }}
      />
    );
  }
  const logout = (message?: string) => {
    forgetKey();
    setLoginMessage(message);
    setKey(null);
  };
  return (
    <AlertFeed
      api={api}
      selectedId={route.alertId}
      onUnauthorized={() => logout('that key was refused; enter a valid API key')}
      onLogout={() => logout()}
    />
  );
}
