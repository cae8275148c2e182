/**
 * The API key the user signed in with: kept for this browser tab's session only (sessionStorage), never in
 * localStorage, a cookie or a log.
 */
const STORAGE_KEY = 'retail-console.api-key';

type Listener = (key: string | null) => void;
const listeners = new Set<Listener>();

export const session = {
  apiKey(): string | null {
    return sessionStorage.getItem(STORAGE_KEY);
  },
  signIn(apiKey: string): void {
    sessionStorage.setItem(STORAGE_KEY, apiKey);
    listeners.forEach((listener) => listener(apiKey));
  },
  signOut(): void {
    sessionStorage.removeItem(STORAGE_KEY);
    listeners.forEach((listener) => listener(null));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
