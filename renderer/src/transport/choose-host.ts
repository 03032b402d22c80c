import { createBrowserPlatform } from './browser-platform';
import { createElectronHost } from './electron-transport';
import type { Platform } from './platform';
import type { Transport } from './transport';
import { createWsTransport } from './ws-transport';

export function chooseHost(): { transport: Transport; platform: Platform } {
  // window.faultline is declared with the bridge itself (electron/bridge-api.ts).
  if (window.faultline) return createElectronHost(window.faultline);
  const transport = createWsTransport(new URL(window.location.href));
  return { transport, platform: createBrowserPlatform(transport) };
}
