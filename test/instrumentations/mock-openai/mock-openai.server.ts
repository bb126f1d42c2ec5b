/**
 * A local OpenAI-compatible server for the instrumentation fixtures: the real SDKs talk to it over
 * HTTP on a loopback port, so their instrumentations see genuine responses, streams and errors.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatCompletion, chatCompletionChunks } from './chat-completions.body';
import { FAIL_MESSAGE, FAIL_STATUS, ScenarioStep, scenarioStep } from './mock-openai.scenario';
import { response, responseEvents } from './responses.body';

export type OpenAiApi = 'chat.completions' | 'responses';

export interface RecordedRequest {
  api: OpenAiApi;
  step: ScenarioStep | undefined;
  model: unknown;
  stream: boolean;
  status: number;
  body: Record<string, unknown>;
}

export interface MockOpenAi {
  /** Base URL as the SDKs want it, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const PATHS: Record<string, OpenAiApi> = { '/v1/chat/completions': 'chat.completions', '/v1/responses': 'responses' };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_fleetwatch_mock' });
  res.end(JSON.stringify(body));
}

function sendEvents(res: ServerResponse, events: Array<{ event?: string; data: string }>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for (const e of events) res.write(`${e.event ? `event: ${e.event}\n` : ''}data: ${e.data}\n\n`);
  res.end();
}

function answer(api: OpenAiApi, step: ScenarioStep, body: Record<string, unknown>, id: string, res: ServerResponse): number {
  if (step === 'fail') {
    sendJson(res, FAIL_STATUS, { error: { message: FAIL_MESSAGE, type: 'server_error', param: null, code: 'server_error' } });
    return FAIL_STATUS;
  }
  const stream = body.stream === true;
  if (api === 'chat.completions') {
    if (!stream) sendJson(res, 200, chatCompletion(step, `chatcmpl-${id}`));
    else {
      const options = body.stream_options as { include_usage?: boolean } | undefined;
      sendEvents(
        res,
        chatCompletionChunks(`chatcmpl-${id}`, options?.include_usage === true).map((data) => ({ data })),
      );
    }
  } else if (!stream) sendJson(res, 200, response(step, `resp_${id}`));
  else
    sendEvents(
      res,
      responseEvents(`resp_${id}`).map(([event, data]) => ({ event, data: JSON.stringify(data) })),
    );
  return 200;
}

export async function startMockOpenAi(): Promise<MockOpenAi> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const api = PATHS[(req.url ?? '').split('?')[0]];
      const raw = await readBody(req);
      if (req.method !== 'POST' || !api) return sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return sendJson(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } });
      }
      // Markers are searched in the compact JSON so either API's message layout matches.
      const step = scenarioStep(JSON.stringify(body));
      const record: RecordedRequest = { api, step, model: body.model, stream: body.stream === true, status: 400, body };
      requests.push(record);
      if (!step) return sendJson(res, 400, { error: { message: 'prompt names no scenario step marker', type: 'invalid_request_error' } });
      record.status = answer(api, step, body, String(requests.length), res);
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `mock bug: ${String(error)}`, type: 'mock_error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
