/**
 * A TLS-terminating reverse proxy for tests: Debian's nginx in front of a
 * running server, with a self-signed certificate for `localhost` made by
 * openssl in a temporary folder. It forwards the way the README tells
 * operators to (X-Forwarded-Proto/Host/For), so a test sees what a real
 * deployment behind a load balancer sees. Fails with one clear line when
 * nginx or openssl is missing: the test never skips silently.
 *
 * Lifecycle: `startTlsProxy(upstreams, port)` writes the config, starts
 * `nginx -g 'daemon off;'` as a child and resolves once it accepts TLS;
 * `stop()` ends that child and removes the folder.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

export interface TlsProxy {
  /** https://localhost:<port> */
  origin: string;
  port: number;
  stop: () => Promise<void>;
  /** What nginx wrote to its error log so far. */
  errors: () => string;
}

/** A free TCP port on 127.0.0.1 (closed again before it is returned). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject).listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function nginxPath(): string {
  const found = process.env.NGINX_PATH || NGINX_CANDIDATES.find((p) => existsSync(p));
  if (!found || !existsSync(found))
    throw new Error('nginx saknas för proxytestet: installera med `apt-get install -y nginx` eller ange NGINX_PATH.');
  return found;
}

function config(dir: string, port: number, upstreams: URL[]): string {
  const servers = upstreams.map((u) => `    server ${u.host};`).join('\n');
  return `worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream app {
${servers}
  }
  server {
    listen 127.0.0.1:${port} ssl;
    server_name localhost;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    client_max_body_size 2m;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`;
}

async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** nginx on `port` (https://localhost:<port>) proxying round-robin to the `upstreams` (http://127.0.0.1:…). */
export async function startTlsProxy(upstreams: string[], port: number): Promise<TlsProxy> {
  const nginx = nginxPath();
  const dir = mkdtempSync(join(tmpdir(), 'kompetensnav-proxy-'));
  // Run as root, nginx's workers drop to `nobody`: they must reach the folder and buffer to its tmp/.
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'tmp'), { mode: 0o777 });
  chmodSync(join(dir, 'tmp'), 0o777);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  writeFileSync(
    join(dir, 'nginx.conf'),
    config(
      dir,
      port,
      upstreams.map((u) => new URL(u)),
    ),
  );
  const child = spawn(nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const errors = () => {
    try {
      return readFileSync(join(dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  for (let i = 0; i < 100 && !(await accepts(port)); i++) {
    if (exited) throw new Error(`nginx startade inte:\n${errors()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin: `https://localhost:${port}`,
    port,
    errors,
    stop: async () => {
      if (!exited) {
        child.kill('SIGQUIT');
        await Promise.race([exit, new Promise((r) => setTimeout(r, 5000))]);
        if (!exited) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
