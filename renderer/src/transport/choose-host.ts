import { createBrowserPlatform } from './browser-platform';
import { createElectronHost } from './electron-transport';
import type { Platform } from './platform';
import type { Transport } from './transport';
import { createWsTransport } from './ws-transport';

export function chooseHost(): { transport: Transport; platform: Platform } {
  // window.faultline is declared with the bridge itself (electron/bridge-api.ts).
  if (window.faultline) return createElectronHost(window.faultline);
  const page = new URL(window.location.href);
  const transport = createWsTransport(page);
  return { transport, platform: createBrowserPlatform(transport, page.searchParams.get('token') ?? '') };
}
