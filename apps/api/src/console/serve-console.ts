import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { AppConfig } from '@fleetwatch/config';

/** Paths the API owns: the console never answers them, so their 404s stay the API's JSON. */
const API_PREFIXES = ['/api', '/health', '/metrics'];

/** The built console lives in <project>/dist/console both from sources (tests) and from dist/ (npm start, Docker). */
export function consoleDistDir(from: string = __dirname): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'console');
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function ownedByApi(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Serves the web console at `/`: its files when they exist, its index.html for every other path
 * without a file extension (client-side routes such as /agents/<id>), and leaves /api, /health and
 * /metrics to the API. `/console-config.json` tells the sign-in page whether registration is open.
 */
export async function serveConsole(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = consoleDistDir();
  const built = root !== undefined && existsSync(join(root, 'index.html'));
  const fastify = app.getHttpAdapter().getInstance();
  if (built) await fastify.register(fastifyStatic, { root, serve: false, decorateReply: true, index: false });

  fastify.get('/console-config.json', async (_request, reply) => {
    void reply.header('Cache-Control', 'no-store');
    return { signupEnabled: config.auth.signupEnabled };
  });

  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    let path: string;
    try {
      path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    } catch {
      return reply.callNotFound();
    }
    if (ownedByApi(path)) return reply.callNotFound();
    if (!built || root === undefined) {
      return reply.code(404).type('text/plain; charset=utf-8').send('The web console is not built: run `npm run build` (npm start does it), then reload.\n');
    }
    const relative = normalize(path).replace(/^([/\\])+/, '');
    const file = join(root, relative);
    if (relative && !relative.startsWith('..') && existsSync(file) && statSync(file).isFile()) {
      // Vite names assets by content hash, so they never change under the same name.
      const immutable = relative.startsWith('assets/');
      return reply.sendFile(relative, { maxAge: immutable ? '365d' : 0, immutable, cacheControl: true });
    }
    if (extname(relative)) return reply.callNotFound();
    void reply.header('Cache-Control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}
