import type { CommandError } from '@contract';
import { useFaultline } from './store';
import type { Notice } from './types';

const SHOW_MS = { error: 9_000, info: 4_000 } as const;
let nextId = 1;

export function notify(tone: Notice['tone'], text: string): void {
  const notice = { id: nextId++, tone, text };
  useFaultline.setState((s) => ({ notices: [...s.notices.slice(-4), notice] }));
  setTimeout(() => dismissNotice(notice.id), SHOW_MS[tone]);
}

export const notifyError = (what: string, error: CommandError) => notify('error', `${what}: ${error.message}`);

export function dismissNotice(id: number): void {
  useFaultline.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
