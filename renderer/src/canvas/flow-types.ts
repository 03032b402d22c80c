import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { OpNode } from './OpNode';
import { StatusEdge } from './StatusEdge';

// Module-level constants: React Flow re-creates every node when these objects change identity.
export const nodeTypes = { op: OpNode } satisfies NodeTypes;
export const edgeTypes = { status: StatusEdge } satisfies EdgeTypes;
