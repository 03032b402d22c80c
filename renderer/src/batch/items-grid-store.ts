import { create } from 'zustand';

/** Which mapped node's photos the items grid lists; null when it is closed. UI-only state. */
export const useItemsGrid = create<{ id: string | null }>()(() => ({ id: null }));

export const openItemsGrid = (id: string): void => useItemsGrid.setState({ id });
export const closeItemsGrid = (): void => useItemsGrid.setState({ id: null });
