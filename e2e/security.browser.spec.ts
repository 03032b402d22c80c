import WebSocket from 'ws';
import { connect, request } from './engine-probe.js';
import { expect, openApp, test } from './fixtures.js';

/** Resolves with the HTTP status the server answered an upgrade with, or 101 when it accepted. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.on('error', reject);
  });
}

test('the WebSocket refuses a missing or wrong token and a foreign Origin', async ({ serve }) => {
  const { port, token } = serve.address;
  const own = `http://127.0.0.1:${port}`;
  const base = `ws://127.0.0.1:${port}/ws`;
  expect(await upgradeStatus(base, own)).toBe(401);
  expect(await upgradeStatus(`${base}?token=${token.slice(0, -1)}x`, own)).toBe(401);
  expect(await upgradeStatus(`${base}?token=${token}`, 'http://evil.example')).toBe(403);
  expect(await upgradeStatus(`${base}?token=${token}`, `http://127.0.0.1:${port + 1}`)).toBe(403);
  expect(await upgradeStatus(`${base}?token=${token}`, own)).toBe(101);
});

test('bad commands are refused as data and the engine keeps serving', async ({ serve }) => {
  const { port, token } = serve.address;
  const socket = await connect(`ws://127.0.0.1:${port}/ws?token=${token}`, `http://127.0.0.1:${port}`);
  try {
    const badPayload = await request(socket, JSON.stringify({ id: 1, command: 'graph.addNode', payload: { op: 5, position: 'here' } }), 1);
    expect(badPayload.result).toMatchObject({ ok: false, error: { kind: 'invalid_payload' } });

    const extraField = await request(socket, JSON.stringify({ id: 2, command: 'run.start', payload: { now: true } }), 2);
    expect(extraField.result).toMatchObject({ ok: false, error: { kind: 'invalid_payload' } });

    const unknown = await request(socket, JSON.stringify({ id: 3, command: 'shell.exec', payload: { cmd: 'rm -rf /' } }), 3);
    expect(unknown.result).toMatchObject({ ok: false, error: { kind: 'unknown_command' } });

    const garbage = await request(socket, '{not json', -1);
    expect(garbage.result).toMatchObject({ ok: false, error: { kind: 'invalid_payload' } });

    const noEnvelope = await request(socket, JSON.stringify({ command: 'graph.get' }), -1);
    expect(noEnvelope.result).toMatchObject({ ok: false, error: { kind: 'invalid_payload' } });

    const stillServing = await request(socket, JSON.stringify({ id: 4, command: 'graph.get', payload: {} }), 4);
    expect(stillServing.result.ok).toBe(true);
  } finally {
    socket.close();
  }
});

test('the page shows a refused command and keeps working; no token means no engine', async ({ page, serve }) => {
  await openApp(page, serve.address.url);
  const reply = await page.evaluate(async (url) => {
    const socket = new WebSocket(url.replace('http', 'ws').replace('/?', '/ws?'));
    await new Promise((resolve) => (socket.onopen = resolve));
    const answer = new Promise<string>((resolve) => {
      socket.onmessage = (m) => {
        const message = JSON.parse(String(m.data));
        if (message.kind === 'reply') resolve(JSON.stringify(message.result));
      };
    });
    socket.send(JSON.stringify({ id: 7, command: 'graph.updateParams', payload: { id: 'cat', params: 'everything' } }));
    return answer;
  }, serve.address.url);
  expect(JSON.parse(reply)).toMatchObject({ ok: false, error: { kind: 'invalid_payload' } });

  // A param outside the op's range is caught before it is sent, and the reason shown.
  await page.locator('[data-testid="op-node"][data-node-id="cat-face"]').click();
  await page.getByTestId('param-width').fill('0');
  await expect(page.getByTestId('param-error')).toBeVisible();
  await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');

  await page.goto(`http://127.0.0.1:${serve.address.port}/`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'closed');
  await expect(page.getByTestId('connection')).toContainText('token');
});
