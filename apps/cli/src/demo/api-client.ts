/** A thin JSON client over fetch for the public API; every failure names the request. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`);
  }

  /** The server's message(s), joined, for deciding what a 4xx was about. */
  get messageText(): string {
    const message = (this.body as { message?: string | string[] } | null)?.message;
    return Array.isArray(message) ? message.join('; ') : String(message ?? '');
  }
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private token?: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get bearer(): string | undefined {
    return this.token;
  }

  async send<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (an HTML error page from a proxy, say): keep the text for the error message.
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  /** Like send, but anything outside 2xx throws an ApiError. */
  async call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const answer = await this.send<T>(method, path, body, headers);
    if (answer.status < 200 || answer.status >= 300) throw new ApiError(method, path, answer.status, answer.body);
    return answer.body;
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T = unknown>(path: string, body?: unknown): Promise<T> {
    return this.call<T>('POST', path, body ?? {});
  }
}
