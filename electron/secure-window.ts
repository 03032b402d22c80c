import { BrowserWindow, shell } from 'electron';
import { APP_INDEX_URL, isOwnPage } from './app-protocol.js';

/**
 * The one window: context isolation and the sandbox on, no Node in the page, navigation and
 * pop-ups refused (links to the web open in the person's browser instead).
 */
export function createSecureWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1480,
    height: 920,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#0d1016',
    title: 'Faultline',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(APP_INDEX_URL);
  return window;
}
