import type { FaultlineBridge } from '../../../electron/bridge-api';
import { createBrowserPlatform } from './browser-platform';
import { createElectronHost } from './electron-transport';
import type { Platform } from './platform';
import type { Transport } from './transport';
import { createWsTransport } from './ws-transport';

declare global {
  interface Window {
    /** Present only inside the Electron app (electron/preload.cts). */
    faultline?: FaultlineBridge;
  }
}

export function chooseHost(): { transport: Transport; platform: Platform } {
  if (window.faultline) return createElectronHost(window.faultline);
  const transport = createWsTransport(new URL(window.location.href));
  return { transport, platform: createBrowserPlatform(transport) };
}
