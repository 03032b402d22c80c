import { create } from 'zustand';

/** Which node's output the full-size viewer shows; null when it is closed. UI-only state. */
export const useViewer = create<{ id: string | null }>()(() => ({ id: null }));

export const openViewer = (id: string): void => useViewer.setState({ id });
export const closeViewer = (): void => useViewer.setState({ id: null });
