import { useEffect, useState } from 'preact/hooks';
import { authApi } from '../api/auth';
import { Link } from '../components/link';
import { ErrorBox } from '../components/states';
import { Field } from '../components/ui';
import { navigate } from '../lib/router';
import { startSession } from '../lib/session';
import { useAction } from '../lib/use-api';

/** Only same-site paths: a crafted ?next= must not send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

export function SignInPage({ mode, query }: { mode: 'sign-in' | 'register'; query: URLSearchParams }) {
  const [signupEnabled, setSignupEnabled] = useState<boolean>();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [username, setUsername] = useState('');
  const action = useAction();
  const next = safeNext(query.get('next'));
  const registering = mode === 'register' && signupEnabled !== false;

  useEffect(() => {
    authApi.consoleConfig().then(
      (c) => setSignupEnabled(c.signupEnabled),
      () => setSignupEnabled(true),
    );
  }, []);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    await action.run(async () => {
      if (registering) await authApi.register(email, password, username);
      const token = await authApi.login(email, password);
      startSession(token.accessToken, token.expiresIn);
      navigate(next, true);
    });
  };

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="auth-title">
        <div class="brand big">
          <span class="logo" aria-hidden="true">
            ◉
          </span>{' '}
          Fleetwatch
        </div>
        <h1 id="auth-title">{registering ? 'Create your account' : 'Sign in'}</h1>
        {query.get('expired') && !action.error && <p class="notice">Your session has ended. Sign in again to continue where you were.</p>}
        <Field label="Email">
          <input type="email" name="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        </Field>
        {registering && (
          <Field label="Username" hint="Lower-case letters, digits and dashes; your account's name in URLs.">
            <input name="username" required pattern="[a-z0-9][a-z0-9\-]{1,38}" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          </Field>
        )}
        <Field label="Password" hint={registering ? 'At least 10 characters.' : undefined}>
          <input
            type="password"
            name="password"
            autocomplete={registering ? 'new-password' : 'current-password'}
            required
            minLength={registering ? 10 : undefined}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </Field>
        {action.error && <ErrorBox error={action.error} />}
        <button type="submit" class="primary wide" disabled={action.busy}>
          {action.busy ? 'Please wait…' : registering ? 'Create account' : 'Sign in'}
        </button>
        {signupEnabled && (
          <p class="muted center">
            {registering ? (
              <>
                Already have an account? <Link href={`/sign-in${query.get('next') ? `?next=${encodeURIComponent(next)}` : ''}`}>Sign in</Link>
              </>
            ) : (
              <>
                New here? <Link href="/register">Create an account</Link>
              </>
            )}
          </p>
        )}
      </form>
    </main>
  );
}
