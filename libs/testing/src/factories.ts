import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import type { Scope } from '@fleetwatch/common';
import { Credentials, TestClient } from './http/test-client';
import { promoteToAdmin } from './users.sql';

export interface TestUser {
  id: string;
  email: string;
  username: string;
  password: string;
  token: string;
  role: 'user' | 'admin';
  /** JWT credentials for TestClient calls. */
  auth: Credentials;
}

/** The fields of the API's answers that the factories read. */
interface Registered {
  id: string;
}
interface LoggedIn {
  accessToken: string;
}
interface CreatedApiKey {
  key: string;
}

function expectStatus(response: { status: number; body: unknown }, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
}

/** Registers and logs in a user through the API; `admin` promotes it with SQL first. */
export async function createUser(client: TestClient, sql: Client, options: { admin?: boolean; username?: string } = {}): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  const username = options.username ?? `user-${suffix}`;
  const email = `${username}@example.test`;
  const password = `password-${suffix}`;
  const registered = await client.post('/api/auth/register').send({ email, password, username });
  expectStatus(registered, 201, 'register');
  const { id } = registered.body as Registered;
  if (options.admin) await promoteToAdmin(sql, id);
  const login = await client.post('/api/auth/login').send({ email, password });
  expectStatus(login, 200, 'login');
  const token = (login.body as LoggedIn).accessToken;
  return { id, email, username, password, token, role: options.admin ? 'admin' : 'user', auth: { token } };
}

export async function createApiKey(client: TestClient, user: TestUser, scopes: Scope[], name = 'test key'): Promise<string> {
  const response = await client.post('/api/auth/api-keys', user.auth).send({ name, scopes });
  expectStatus(response, 201, 'create api key');
  return (response.body as CreatedApiKey).key;
}

export interface TestAgent {
  id: string;
  name: string;
  ownerId: string;
  status: string;
}

export async function createAgent(client: TestClient, owner: TestUser, body: Record<string, unknown> = {}): Promise<TestAgent> {
  const response = await client.post('/api/agents', owner.auth).send({ name: `agent-${randomBytes(4).toString('hex')}`, ...body });
  expectStatus(response, 201, 'create agent');
  return response.body as TestAgent;
}

export async function createDeployment(
  client: TestClient,
  owner: TestUser,
  agentId: string,
  body: Record<string, unknown> = {},
): Promise<{ id: string; status: string }> {
  const response = await client.post(`/api/agents/${agentId}/deployments`, owner.auth).send({ environment: 'production', configuration: {}, ...body });
  expectStatus(response, 201, 'create deployment');
  return response.body as { id: string; status: string };
}
