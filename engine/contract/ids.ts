/** Branded ids: a node id from a pipeline file can never be mixed up with a journal sequence number. */
export type NodeId = string & { readonly __node: never };
export type Seq = number & { readonly __seq: never };
export type RunId = number & { readonly __run: never };
export type WorkerId = number & { readonly __worker: never };

export const asNodeId = (id: string): NodeId => id as NodeId;
export const asSeq = (n: number): Seq => n as Seq;
export const asRunId = (n: number): RunId => n as RunId;
export const asWorkerId = (n: number): WorkerId => n as WorkerId;
