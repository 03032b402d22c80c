import { togglePanel, usePanels, type Panel } from './panel-layout';

const TOGGLES: Array<{ panel: Panel; label: string; glyph: string }> = [
  { panel: 'sidebar', label: 'operations and fault sliders', glyph: '◧' },
  { panel: 'dock', label: 'workers and journal', glyph: '⬓' },
  { panel: 'inspector', label: 'inspector', glyph: '◨' },
];

/** Fold a side panel away to give the canvas the room, and back; remembered. */
export function PanelToggles() {
  const collapsed = usePanels((s) => s.collapsed);
  return (
    <div className="panel-toggles">
      {TOGGLES.map(({ panel, label, glyph }) => (
        <button
          key={panel}
          type="button"
          className={`button subtle${collapsed[panel] ? '' : ' on'}`}
          data-testid={`toggle-${panel}`}
          data-collapsed={collapsed[panel]}
          aria-pressed={!collapsed[panel]}
          title={`${collapsed[panel] ? 'Show' : 'Hide'} the ${label}`}
          onClick={() => togglePanel(panel)}
        >
          {glyph}
        </button>
      ))}
    </div>
  );
}
