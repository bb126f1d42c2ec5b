import { AddressInfo } from 'node:net';
import { startTestApp, TestApp, TestAppOptions } from '../../support/test-app';
import { ensureConsoleBuilt } from './console-build';

export interface ConsoleApp extends TestApp {
  /** http://127.0.0.1:<port>: the real server, listening, so a browser can reach it. */
  baseUrl: string;
}

/** The in-process test app on a real port, with the built console served at `/`. */
export async function startConsoleApp(options: TestAppOptions = {}): Promise<ConsoleApp> {
  await ensureConsoleBuilt();
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  return Object.assign(t, { baseUrl: `http://127.0.0.1:${address.port}` });
}
