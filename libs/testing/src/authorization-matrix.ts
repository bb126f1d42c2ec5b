import { SCOPES, Scope } from '@fleetwatch/common';
import { createApiKey, TestUser } from './factories';
import { Credentials, TestClient } from './http/test-client';

export const CALLERS = ['anonymous', 'owner', 'otherUser', 'admin', 'wrongScopeKey', 'rightScopeKey'] as const;
export type Caller = (typeof CALLERS)[number];

/** The people a matrix calls as; `owner` owns the resources the routes name. */
export interface MatrixWorld {
  client: TestClient;
  owner: TestUser;
  otherUser: TestUser;
  admin: TestUser;
  /** Free-form fixtures the routes' path and body builders read (agent ids, ...). */
  fixtures: Record<string, string>;
}

export interface MatrixRoute {
  /** For the test name, e.g. `GET /api/agents/:id`. */
  route: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Built per call, after `prepare`, so mutating routes can act on a fresh resource each time. */
  path: (world: MatrixWorld, prepared: Record<string, string>) => string;
  body?: (world: MatrixWorld, prepared: Record<string, string>) => unknown;
  /** Creates what one call consumes (e.g. a fresh agent to delete). */
  prepare?: (world: MatrixWorld) => Promise<Record<string, string>>;
  /** The scope an API key needs here; the wrong-scope key holds every other scope. */
  scope?: Scope;
  expect: Partial<Record<Caller, number>>;
}

async function credentialsFor(world: MatrixWorld, caller: Caller, scope: Scope | undefined): Promise<Credentials> {
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'owner':
      return world.owner.auth;
    case 'otherUser':
      return world.otherUser.auth;
    case 'admin':
      return world.admin.auth;
    case 'wrongScopeKey': {
      const others = SCOPES.filter((s) => s !== scope);
      return { apiKey: await createApiKey(world.client, world.owner, [...others], 'wrong scope') };
    }
    case 'rightScopeKey':
      return { apiKey: await createApiKey(world.client, world.owner, scope ? [scope] : [...SCOPES], 'right scope'), header: 'x-api-key' };
  }
}

/**
 * Turns a table of route × caller → status into tests. Every route lists what anonymous, the
 * owner, another user, an admin and a key without the needed scope get.
 */
export function describeAuthorizationMatrix(title: string, world: () => MatrixWorld, routes: MatrixRoute[]): void {
  describe(`authorization matrix: ${title}`, () => {
    for (const row of routes) {
      for (const caller of CALLERS) {
        const expected = row.expect[caller];
        if (expected === undefined) continue;
        it(`${row.route} as ${caller} → ${expected}`, async () => {
          const w = world();
          const prepared = row.prepare ? await row.prepare(w) : {};
          const credentials = await credentialsFor(w, caller, row.scope);
          const call = w.client.call(row.method, row.path(w, prepared), credentials);
          const body = row.body?.(w, prepared);
          const response = body === undefined ? await call : await call.send(body as object);
          if (response.status !== expected) {
            throw new Error(`${row.route} as ${caller}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
          }
        });
      }
    }
  });
}
