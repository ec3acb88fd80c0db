import { useMemo, useState } from 'react';
import { AlertFeed } from './AlertFeed.js';
import { AddressPage } from './address/AddressPage.js';
import { ArgusApi } from './api.js';
import { AuditPage } from './audit/AuditPage.js';
import { AuthDecisionsPage } from './authDecisions/AuthDecisionsPage.js';
import { IntelTrendsPage } from './intel/IntelTrendsPage.js';
import { LoginPage } from './LoginPage.js';
import { ModelHealthPage } from './models/ModelHealthPage.js';
import type { PageProps } from './pageProps.js';
import { type Route, useRoute } from './route.js';
import { currentKey, forgetKey, saveKey } from './session.js';
import { TopBar } from './TopBar.js';

function Page(props: PageProps & { route: Exclude<Route, { page: 'feed' }> }) {
  const { route, ...page } = props;
  switch (route.page) {
    case 'address':
      return <AddressPage {...page} chain={route.chain} address={route.address} />;
    case 'audit':
      return <AuditPage {...page} reportId={route.reportId} />;
    case 'intel':
      return <IntelTrendsPage {...page} />;
    case 'auth':
      return <AuthDecisionsPage {...page} />;
    case 'models':
      return <ModelHealthPage {...page} />;
  }
}

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
  const onUnauthorized = () => logout('that key was refused; enter a valid API key');
  if (route.page === 'feed') {
    return (
      <AlertFeed
        api={api}
        selectedId={route.alertId}
        onUnauthorized={onUnauthorized}
        onLogout={() => logout()}
      />
    );
  }
  return (
    <div className="shell">
      <TopBar current={route.page} onLogout={() => logout()} />
      <Page api={api} onUnauthorized={onUnauthorized} route={route} />
    </div>
  );
}
