import type { TaskStatus } from '@contract';
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useFaultline } from '../store/store';
import type { FaultlineState } from '../store/types';
import { themeColours } from './theme-colours';

const NODE_WIDTH = 214;
const NODE_HEIGHT = 96;

const shownStatus = (s: FaultlineState, id: string): TaskStatus =>
  (s.replay.mode === 'scrub' ? s.replay.tasks[id]?.status : s.tasks[id]?.status) ?? 'pending';

const viewport = (s: ReactFlowState) => s.transform;

/**
 * A zoomed-out big graph drawn on one <canvas>: a box per node in its status colour and a line
 * per edge. A thousand DOM nodes each with its own transform make every status change cost the
 * browser a full re-layerize; one canvas redrawn per engine batch costs a few milliseconds.
 */
export function StatusOverview() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [x, y, zoom] = useStore(viewport);
  const nodes = useFaultline((s) => s.flowNodes);
  const edges = useFaultline((s) => s.flowEdges);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const colours = themeColours();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    let frame = 0;
    const draw = () => {
      frame = 0;
      const ratio = window.devicePixelRatio || 1;
      const { clientWidth: width, clientHeight: height } = element;
      if (element.width !== width * ratio || element.height !== height * ratio) {
        element.width = width * ratio;
        element.height = height * ratio;
      }
      const g = element.getContext('2d');
      if (!g) return;
      g.setTransform(ratio, 0, 0, ratio, 0, 0);
      g.clearRect(0, 0, width, height);
      g.setTransform(ratio * zoom, 0, 0, ratio * zoom, ratio * x, ratio * y);
      const state = useFaultline.getState();
      g.strokeStyle = colours.edge;
      g.lineWidth = 1.5 / zoom;
      g.beginPath();
      for (const edge of edges) {
        const from = byId.get(edge.source);
        const to = byId.get(edge.target);
        if (!from || !to) continue;
        g.moveTo(from.position.x + NODE_WIDTH, from.position.y + NODE_HEIGHT / 2);
        g.lineTo(to.position.x, to.position.y + NODE_HEIGHT / 2);
      }
      g.stroke();
      for (const node of nodes) {
        g.fillStyle = colours.status[shownStatus(state, node.id)];
        g.fillRect(node.position.x, node.position.y, NODE_WIDTH, NODE_HEIGHT);
      }
    };
    const schedule = () => {
      frame ||= requestAnimationFrame(draw);
    };
    schedule();
    const unsubscribe = useFaultline.subscribe((s, before) => {
      if (s.tasks !== before.tasks || s.replay !== before.replay) schedule();
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [nodes, edges, x, y, zoom]);

  return <canvas ref={canvas} className="status-overview" data-testid="status-overview" />;
}
