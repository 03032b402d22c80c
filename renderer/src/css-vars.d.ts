import 'react';

// CSS custom properties (`--fill`, the grid's track sizes) set from a component's style, typed
// without a cast at each use.
declare module 'react' {
  interface CSSProperties {
    [name: `--${string}`]: string | undefined;
  }
}
