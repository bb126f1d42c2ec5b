import { ApiClient, ApiError } from './api-client';
import { AgentRole, DEMO_FLEET } from './fleet-plan';
import { FleetAgent } from './telemetry-generator';

export interface DemoUser {
  email: string;
  password: string;
  username: string;
}

export interface DemoSession {
  /** Signed in as the demo user (JWT: every scope). */
  api: ApiClient;
  userId: string;
  created: boolean;
  apiKey: { id: string; key: string; prefix: string };
}

interface DeploymentRow {
  id: string;
  status: 'pending' | 'in_progress' | 'succeeded' | 'failed';
}

const FAILURE = 'ImagePullBackOff: registry.example.com/payments/invoice-extractor:2.0.0 not found';

/** Registers the demo user, or signs in when it exists already, and makes an ingest-only API key. */
export async function signIn(base: ApiClient, user: DemoUser): Promise<DemoSession> {
  const registered = await base.send('POST', '/api/auth/register', { email: user.email, password: user.password, username: user.username });
  if (registered.status === 403) throw new Error('sign-up is disabled on this server (SIGNUP_ENABLED=false): pass --email and --password of an existing user');
  if (registered.status !== 201 && registered.status !== 409) throw new ApiError('POST', '/api/auth/register', registered.status, registered.body);
  const login = await base.send<{ accessToken: string }>('POST', '/api/auth/login', { email: user.email, password: user.password });
  if (login.status === 401 && registered.status === 409) {
    throw new Error(`${user.email} (or the username ${user.username}) exists with another password: pass --email/--password, or --username for a new account`);
  }
  if (login.status !== 200) throw new ApiError('POST', '/api/auth/login', login.status, login.body);
  const api = base.withToken(login.body.accessToken);
  const me = await api.get<{ id: string }>('/api/auth/me');
  const apiKey = await api.post<{ id: string; key: string; prefix: string }>('/api/auth/api-keys', {
    name: `demo telemetry ${new Date().toISOString()}`,
    scopes: ['ingest'],
  });
  return { api, userId: me.id, created: registered.status === 201, apiKey };
}

/** The deployment state each role ends in: `in_progress` is the one left hanging. */
function finalStatus(role: AgentRole): DeploymentRow['status'] {
  if (role === 'failed') return 'failed';
  if (role === 'stuck') return 'in_progress';
  return 'succeeded';
}

async function deploy(api: ApiClient, agent: FleetAgent): Promise<void> {
  const want = finalStatus(agent.role);
  const [latest] = await api.get<DeploymentRow[]>(`/api/agents/${agent.id}/deployments?limit=1`);
  // A re-run keeps what the first run set up, so a stuck deployment goes on ageing towards stuck_deploying.
  if (latest?.status === want) return;
  const deployment = await api.post<DeploymentRow>(`/api/agents/${agent.id}/deployments`, {
    environment: 'production',
    version: agent.version,
    configuration: { model: { name: agent.model, temperature: 0.2 }, replicas: agent.role === 'hot' ? 3 : 2, tools: agent.tools },
  });
  await api.call('PATCH', `/api/deployments/${deployment.id}`, { status: 'in_progress' });
  if (want === 'in_progress') return;
  await api.call('PATCH', `/api/deployments/${deployment.id}`, want === 'failed' ? { status: 'failed', error: FAILURE } : { status: 'succeeded' });
}

/** Creates the eight agents (or finds them from an earlier run) and brings their deployments to their role's state. */
export async function setUpFleet(api: ApiClient): Promise<FleetAgent[]> {
  const existing = await api.get<{ id: string; name: string }[]>('/api/agents?limit=500');
  const byName = new Map(existing.map((a) => [a.name, a.id]));
  const fleet: FleetAgent[] = [];
  for (const plan of DEMO_FLEET) {
    let id = byName.get(plan.name);
    if (!id) {
      const created = await api.post<{ id: string }>('/api/agents', {
        name: plan.name,
        description: plan.description,
        runtime: plan.runtime,
        model: plan.model,
        labels: { team: plan.team, model: plan.model, env: 'production' },
      });
      id = created.id;
    }
    fleet.push({ ...plan, id, ...(plan.role === 'budget' ? { callsPerTick: 4 } : {}) });
  }
  for (const agent of fleet) await deploy(api, agent);
  return fleet;
}
