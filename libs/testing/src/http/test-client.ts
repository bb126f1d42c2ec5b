import type { Server } from 'node:http';
import request from 'supertest';

/** How a test call authenticates: a JWT, an API key (as Bearer or X-API-Key), or nothing. */
export type Credentials = { token: string } | { apiKey: string; header?: 'bearer' | 'x-api-key' } | undefined;

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export class TestClient {
  constructor(readonly server: Server) {}

  call(method: Method, path: string, credentials?: Credentials): request.Test {
    const test = request(this.server)[method](path);
    if (credentials && 'token' in credentials) test.set('Authorization', `Bearer ${credentials.token}`);
    if (credentials && 'apiKey' in credentials) {
      if (credentials.header === 'x-api-key') test.set('X-API-Key', credentials.apiKey);
      else test.set('Authorization', `Bearer ${credentials.apiKey}`);
    }
    return test;
  }

  get(path: string, credentials?: Credentials): request.Test {
    return this.call('get', path, credentials);
  }

  post(path: string, credentials?: Credentials): request.Test {
    return this.call('post', path, credentials);
  }

  put(path: string, credentials?: Credentials): request.Test {
    return this.call('put', path, credentials);
  }

  patch(path: string, credentials?: Credentials): request.Test {
    return this.call('patch', path, credentials);
  }

  delete(path: string, credentials?: Credentials): request.Test {
    return this.call('delete', path, credentials);
  }
}
