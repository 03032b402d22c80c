import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type NodeChange,
  type OnBeforeDelete,
  type OnSelectionChangeParams,
  type ReactFlowState,
  type XYPosition,
} from '@xyflow/react';
import { useCallback, useEffect, useRef, type DragEvent } from 'react';
import { addPhotos } from '../photos/add-photos';
import { addNode, connect, moveNodes, removeNodes } from '../store/edits';
import { slotOfHandle, type OpFlowNode } from '../store/flow-model';
import { useReadOnly } from '../store/selectors';
import { useFaultline } from '../store/store';
import { edgeTypes, nodeTypes } from './flow-types';
import { toggleShortcuts } from '../panels/ShortcutsSheet';
import { QuickAdd } from './QuickAdd';
import { StatusOverview } from './StatusOverview';
import { fitPadding, MINIMAP, useMinimap } from './use-minimap';

/**
 * Past this many nodes the canvas drops per-node shadows, transitions and animations: painting
 * them for every status change is what limits frame rate on big graphs, not React.
 */
const LARGE_GRAPH_NODES = 200;

/**
 * Below this zoom a big graph is drawn by StatusOverview and React Flow gets no nodes at all:
 * even hidden, a thousand transformed DOM nodes cost the browser most of every frame
 * (measured: 2 fps with them, 55 without, at 500 status changes/s).
 */
const FAR_ZOOM = 0.4;
const isZoomedOut = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** The MIME type the palette puts on a drag: the op's name. */
export const OP_DRAG_TYPE = 'application/x-faultline-op';

function onNodesChange(changes: NodeChange<OpFlowNode>[]) {
  // Removals go through the engine (onBeforeDelete); the graph event then removes the node.
  const local = changes.filter((c) => c.type !== 'remove');
  if (local.length > 0) useFaultline.setState((s) => ({ flowNodes: applyNodeChanges(local, s.flowNodes) }));
}

function onEdgesChange(changes: EdgeChange[]) {
  const local = changes.filter((c) => c.type === 'select');
  if (local.length > 0) useFaultline.setState((s) => ({ flowEdges: applyEdgeChanges(local, s.flowEdges) }));
}

const onConnect = (c: Connection) => void connect(c.source, c.target, slotOfHandle(c.targetHandle));

// Whatever a Delete takes (nodes, wires, or both) goes through the engine as one undoable edit;
// the graph event then removes it from the canvas.
const onBeforeDelete: OnBeforeDelete<OpFlowNode, Edge> = async ({ nodes, edges }) => {
  await removeNodes(
    nodes.map((n) => n.id),
    edges.map((e) => ({ target: e.target, slot: slotOfHandle(e.targetHandle) })),
  );
  return false;
};

const onSelectionChange = ({ nodes }: OnSelectionChangeParams) => {
  const id = nodes[0]?.id ?? null;
  if (id !== useFaultline.getState().selectedId && (id !== null || nodes.length === 0)) useFaultline.setState({ selectedId: id });
};

export function Canvas() {
  const flowNodes = useFaultline((s) => s.flowNodes);
  const flowEdges = useFaultline((s) => s.flowEdges);
  const pipelineName = useFaultline((s) => s.pipelineName);
  const scrubbing = useReadOnly();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const dragStarts = useRef(new Map<string, XYPosition>());
  const [minimap, toggleMinimap] = useMinimap();
  const userMoved = useRef(false);

  // A different pipeline (opened, or the first load) is framed whole, clear of the minimap.
  useEffect(() => {
    userMoved.current = false;
    if (pipelineName) void fitView({ padding: fitPadding(minimap), duration: 200 });
  }, [pipelineName, fitView, minimap]);

  // A panel folded or resized, or the window resized, frames the graph again, unless the person
  // has panned or zoomed since the last fit: then their view is theirs.
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true;
  }, []);
  // The +/- buttons move the view without an event of their own: count them as the person's too.
  const onZoomButton = useCallback(() => {
    userMoved.current = true;
  }, []);
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = wrapper.current;
    if (!element) return;
    let last = '';
    const observer = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry!.contentRect.width)}×${Math.round(entry!.contentRect.height)}`;
      if (last && size !== last && !userMoved.current) void fitView({ padding: fitPadding(minimap) });
      last = size;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [fitView, minimap]);

  const onNodeDragStart = useCallback((_: unknown, __: OpFlowNode, nodes: OpFlowNode[]) => {
    dragStarts.current = new Map(nodes.map((n) => [n.id, { ...n.position }]));
  }, []);

  const onNodeDragStop = useCallback((_: unknown, __: OpFlowNode, nodes: OpFlowNode[]) => {
    const moves = nodes.flatMap((node) => {
      const from = dragStarts.current.get(node.id);
      return from && (from.x !== node.position.x || from.y !== node.position.y) ? [{ id: node.id, from, to: { ...node.position } }] : [];
    });
    dragStarts.current.clear();
    void moveNodes(moves);
  }, []);

  const onDragOver = useCallback(
    (event: DragEvent) => {
      const types = event.dataTransfer.types;
      if (scrubbing || (!types.includes(OP_DRAG_TYPE) && !types.includes('Files'))) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    },
    [scrubbing],
  );

  // An op from the palette, or files from the desktop: each photo a load node where it lands.
  const onDrop = useCallback(
    (event: DragEvent) => {
      const op = event.dataTransfer.getData(OP_DRAG_TYPE);
      const files = [...event.dataTransfer.files];
      if (scrubbing || (!op && files.length === 0)) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const at = { x: Math.round(position.x - 100), y: Math.round(position.y - 40) };
      if (op) void addNode(op, at);
      else void addPhotos(files, at);
    },
    [screenToFlowPosition, scrubbing],
  );

  const large = flowNodes.length > LARGE_GRAPH_NODES;
  const zoomedOut = useStore(isZoomedOut);
  const far = large && zoomedOut;
  return (
    <div
      ref={wrapper}
      className={`canvas${large ? ' canvas-large' : ''}${far ? ' canvas-far' : ''}`}
      data-testid="canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<OpFlowNode, Edge>
        nodes={far ? [] : flowNodes}
        edges={far ? [] : flowEdges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onBeforeDelete={onBeforeDelete}
        onSelectionChange={onSelectionChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onMoveStart={onMoveStart}
        nodesDraggable={!scrubbing}
        nodesConnectable={!scrubbing}
        deleteKeyCode={scrubbing ? null : ['Delete', 'Backspace']}
        colorMode="system"
        fitView
        onlyRenderVisibleElements={large}
        minZoom={0.05}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="var(--dots)" />
        {far && <StatusOverview />}
        {far && <div className="canvas-hint">Zoomed out: each box is a node in its status colour. Zoom in to edit.</div>}
        <Controls showInteractive={false} fitViewOptions={{ padding: fitPadding(minimap) }} onZoomIn={onZoomButton} onZoomOut={onZoomButton}>
          <ControlButton
            onClick={toggleMinimap}
            title={minimap ? 'Hide the minimap' : 'Show the minimap'}
            data-testid="minimap-toggle"
            data-shown={minimap}
          >
            ▦
          </ControlButton>
          <ControlButton onClick={toggleShortcuts} title="Keyboard shortcuts (?)" data-testid="shortcuts-button">
            ?
          </ControlButton>
        </Controls>
        <QuickAdd />
        {!far && minimap && <MiniMap pannable zoomable style={{ width: MINIMAP.width, height: MINIMAP.height, margin: MINIMAP.margin }} />}
      </ReactFlow>
      {flowNodes.length === 0 && <div className="canvas-empty">Drag an operation from the palette, or drop photos here, to start a pipeline.</div>}
    </div>
  );
}
