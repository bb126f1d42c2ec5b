/** The signed-in user's token, kept in localStorage so a reload stays signed in until it expires. */
const KEY = 'fleetwatch.session';

interface Stored {
  token: string;
  expiresAt: number;
}

type Listener = () => void;
const listeners = new Set<Listener>();
let expiryTimer: number | undefined;

function read(): Stored | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    const stored = raw ? (JSON.parse(raw) as Stored) : undefined;
    return stored && stored.expiresAt > Date.now() ? stored : undefined;
  } catch {
    return undefined;
  }
}

export function currentToken(): string | undefined {
  return read()?.token;
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}

function scheduleExpiry(): void {
  window.clearTimeout(expiryTimer);
  const stored = read();
  if (!stored) return;
  // Timers past ~24.8 days overflow; tokens live far less, but clamp anyway.
  expiryTimer = window.setTimeout(() => expireSession(), Math.min(stored.expiresAt - Date.now(), 2 ** 31 - 1));
}

export function startSession(token: string, expiresInSeconds: number): void {
  localStorage.setItem(KEY, JSON.stringify({ token, expiresAt: Date.now() + expiresInSeconds * 1000 }));
  scheduleExpiry();
  notify();
}

export function endSession(): void {
  localStorage.removeItem(KEY);
  window.clearTimeout(expiryTimer);
  notify();
}

/** The token expired or was refused: back to sign-in, remembering where the user was. */
export function expireSession(): void {
  const here = window.location.pathname + window.location.search;
  endSession();
  if (!window.location.pathname.startsWith('/sign-in')) {
    const next = here === '/' ? '' : `&next=${encodeURIComponent(here)}`;
    window.history.pushState(null, '', `/sign-in?expired=1${next}`);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }
}

scheduleExpiry();
