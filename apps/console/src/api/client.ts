import { currentToken, expireSession } from '../lib/session';

/** An answer other than 2xx, carrying the API's own message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** Sign-in itself: a 401 is a wrong password, not an expired session. */
  anonymous?: boolean;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function messageOf(body: unknown, status: number): { message: string; code?: string } {
  if (body && typeof body === 'object') {
    const { message, code, error } = body as { message?: unknown; code?: unknown; error?: unknown };
    const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : typeof error === 'string' ? error : undefined;
    if (text) return { message: text, code: typeof code === 'string' ? code : undefined };
  }
  return { message: `The server answered ${status}` };
}

function sessionEnded(): never {
  expireSession();
  throw new ApiError(401, 'Your session has ended. Please sign in again.');
}

async function send(path: string, options: RequestOptions): Promise<{ body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.anonymous ? undefined : currentToken();
  // A session that lapsed while a page was open: go to sign-in without sending a request the API can only refuse.
  if (!options.anonymous && !token) return sessionEnded();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check that Fleetwatch is running.');
  }
  if (response.status === 401 && !options.anonymous) return sessionEnded();
  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) {
    const { message, code } = messageOf(body, response.status);
    throw new ApiError(response.status, message, code);
  }
  return { body, headers: response.headers };
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await send(path, options)).body as T;
}

/** One page of a list route: its rows and the cursor of the next page (X-Next-Cursor), absent on the last. */
export interface Page<T> {
  items: T[];
  next?: string;
}

export async function requestPage<T>(path: string, options: RequestOptions = {}): Promise<Page<T>> {
  const { body, headers } = await send(path, options);
  return { items: body as T[], next: headers.get('x-next-cursor') ?? undefined };
}

/** Fetches a file with the user's token and hands it to the browser as a download. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const token = currentToken();
  if (!token) return sessionEnded();
  const response = await fetch(withQuery(path, query), { headers: { Authorization: `Bearer ${token}` } });
  if (response.status === 401) return sessionEnded();
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    throw new ApiError(response.status, messageOf(body, response.status).message);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
