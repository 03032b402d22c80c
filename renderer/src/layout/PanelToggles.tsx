import { PANEL_LABELS, togglePanel, usePanels, type Panel } from './panel-layout';

/** In screen order: left, bottom, right. */
const TOGGLES: Array<{ panel: Panel; glyph: string }> = [
  { panel: 'sidebar', glyph: '◧' },
  { panel: 'dock', glyph: '⬓' },
  { panel: 'inspector', glyph: '◨' },
];

/** Fold a side panel away to give the canvas the room, and back; remembered. */
export function PanelToggles() {
  const collapsed = usePanels((s) => s.collapsed);
  return (
    <div className="panel-toggles">
      {TOGGLES.map(({ panel, glyph }) => (
        <button
          key={panel}
          type="button"
          className={`button subtle${collapsed[panel] ? '' : ' on'}`}
          data-testid={`toggle-${panel}`}
          data-collapsed={collapsed[panel]}
          aria-pressed={!collapsed[panel]}
          title={`${collapsed[panel] ? 'Show' : 'Hide'} the ${PANEL_LABELS[panel]}`}
          onClick={() => togglePanel(panel)}
        >
          {glyph}
        </button>
      ))}
    </div>
  );
}
