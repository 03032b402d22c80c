import { ReactFlowProvider } from '@xyflow/react';
import { useLayoutEffect, useRef } from 'react';
import { Canvas } from './canvas/Canvas';
import { ItemsGrid } from './batch/ItemsGrid';
import { PanelResizer } from './layout/PanelResizer';
import { PanelToggles } from './layout/PanelToggles';
import { applyPanelLayout } from './layout/panel-layout';
import { ConnectionBadge } from './panels/ConnectionBadge';
import { Counters } from './panels/Counters';
import { EngineLost } from './panels/EngineLost';
import { EditTools } from './panels/EditTools';
import { FaultPanel } from './panels/FaultPanel';
import { Inspector } from './panels/inspector/Inspector';
import { JournalPanel } from './panels/JournalPanel';
import { Notices } from './panels/Notices';
import { Palette } from './panels/Palette';
import { ShortcutsSheet } from './panels/ShortcutsSheet';
import { RunControls } from './panels/RunControls';
import { WorkersPanel } from './panels/WorkersPanel';
import { Scrubber } from './replay/Scrubber';
import { useFaultline } from './store/store';
import { useEditShortcuts } from './use-edit-shortcuts';
import { OutputViewer } from './viewer/OutputViewer';

function Title() {
  const name = useFaultline((s) => s.pipelineName);
  return (
    <div className="brand">
      <span className="brand-mark">⌁</span>
      <span className="brand-name">Faultline</span>
      <span className="pipeline-name" data-testid="pipeline-name" title={name}>
        {name || '…'}
      </span>
    </div>
  );
}

export function App() {
  useEditShortcuts();
  const loaded = useFaultline((s) => s.loaded);
  const scrubbing = useFaultline((s) => s.replay.mode === 'scrub');
  const lost = useFaultline((s) => s.loaded && s.connection.kind !== 'open');
  // The panels' sizes go straight onto the element: a resize drag re-renders nothing.
  const appRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => applyPanelLayout(appRef.current!), []);
  return (
    <ReactFlowProvider>
      <div
        ref={appRef}
        className={`app${scrubbing ? ' is-scrubbing' : ''}${lost ? ' engine-lost-mode' : ''}`}
        data-testid="app"
        data-loaded={loaded}
        data-engine={lost ? 'lost' : 'ok'}
      >
        <header className="topbar">
          <Title />
          <RunControls />
          <EditTools />
          <span className="spacer" />
          <ConnectionBadge />
        </header>
        <div className="countersbar">
          <Counters />
          <span className="spacer" />
          <PanelToggles />
        </div>
        <aside className="sidebar">
          <Palette />
          <FaultPanel />
        </aside>
        <main className="stage">
          <Canvas />
          {!loaded && <div className="stage-loading">Connecting to the engine…</div>}
          <EngineLost />
        </main>
        <Inspector />
        <PanelResizer panel="sidebar" />
        <PanelResizer panel="inspector" />
        <PanelResizer panel="dock" />
        <div className="scrubbar">
          <Scrubber />
        </div>
        <div className="bottom">
          <WorkersPanel />
          <JournalPanel />
        </div>
        <Notices />
        <ItemsGrid />
        <OutputViewer />
        <ShortcutsSheet />
      </div>
    </ReactFlowProvider>
  );
}
