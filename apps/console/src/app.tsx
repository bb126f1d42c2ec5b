import { useEffect, useState } from 'preact/hooks';
import { authApi } from './api/auth';
import type { User } from './api/types';
import { Link } from './components/link';
import { ErrorBox, Loading } from './components/states';
import { MeContext } from './lib/me';
import { match, navigate, useLocation } from './lib/router';
import { currentToken, endSession, onSessionChange } from './lib/session';
import { AgentPage } from './pages/agent/agent-page';
import { AlertsPage } from './pages/alerts/alerts-page';
import { CostPage } from './pages/cost/cost-page';
import { FleetPage } from './pages/fleet/fleet-page';
import { RunPage } from './pages/run/run-page';
import { SettingsPage } from './pages/settings/settings-page';
import { SignInPage } from './pages/sign-in';

const NAV = [
  { href: '/', label: 'Fleet', active: (p: string) => p === '/' || p.startsWith('/agents') || p.startsWith('/runs') },
  { href: '/alerts', label: 'Alerts', active: (p: string) => p.startsWith('/alerts') },
  { href: '/cost', label: 'Cost', active: (p: string) => p.startsWith('/cost') },
  { href: '/settings', label: 'Settings', active: (p: string) => p.startsWith('/settings') },
];

function useSignedInUser(): { user?: User; error?: Error; token?: string } {
  const [token, setToken] = useState(currentToken());
  const [state, setState] = useState<{ user?: User; error?: Error }>({});
  useEffect(() => onSessionChange(() => setToken(currentToken())), []);
  useEffect(() => {
    setState({});
    if (!token) return;
    authApi.me().then(
      (user) => setState({ user }),
      (error: Error) => setState({ error }),
    );
  }, [token]);
  return { ...state, token };
}

function Routes({ path }: { path: string }) {
  if (path === '/') return <FleetPage />;
  const agent = match('/agents/:id', path);
  if (agent) return <AgentPage id={agent.id} />;
  const run = match('/runs/:key', path);
  if (run) return <RunPage runKey={run.key} />;
  const alerts = match('/alerts', path) ?? match('/alerts/:tab', path);
  if (alerts) return <AlertsPage tab={alerts.tab} />;
  if (match('/cost', path) || match('/cost/:tab', path)) return <CostPage tab={match('/cost/:tab', path)?.tab} />;
  if (match('/settings', path) || match('/settings/:tab', path)) return <SettingsPage tab={match('/settings/:tab', path)?.tab} />;
  return (
    <div class="page">
      <h1>Page not found</h1>
      <p>
        Nothing lives at <code>{path}</code>. <Link href="/">Back to the fleet</Link>
      </p>
    </div>
  );
}

export function App() {
  const location = useLocation();
  const { user, error, token } = useSignedInUser();
  const onAuthPage = location.path === '/sign-in' || location.path === '/register';

  useEffect(() => {
    if (!token && !onAuthPage) {
      const here = location.path + (location.query.toString() ? `?${location.query}` : '');
      navigate(here === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(here)}`, true);
    }
  }, [token, onAuthPage, location.path]);

  if (onAuthPage || !token) return <SignInPage mode={location.path === '/register' ? 'register' : 'sign-in'} query={location.query} />;
  if (error)
    return (
      <div class="page">
        <ErrorBox error={error} onRetry={() => window.location.reload()} />
      </div>
    );
  if (!user)
    return (
      <div class="page">
        <Loading what="Signing in" />
      </div>
    );

  return (
    <MeContext.Provider value={user}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <Link href="/" class="brand">
          <span class="logo" aria-hidden="true">
            ◉
          </span>{' '}
          Fleetwatch
        </Link>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <Link href={item.href} class={item.active(location.path) ? 'nav active' : 'nav'} aria-current={item.active(location.path) ? 'page' : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
        <div class="who">
          <span class="muted" data-testid="whoami">
            {user.username}
            {user.role === 'admin' && <span class="badge tone-info">admin</span>}
          </span>
          <button
            type="button"
            class="secondary small"
            onClick={() => {
              endSession();
              navigate('/sign-in');
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" class="page">
        <Routes path={location.path} />
      </main>
    </MeContext.Provider>
  );
}
