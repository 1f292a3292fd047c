/** discovery.k8s.io/v1 EndpointSlice (k8s.io/api discovery/v1, v1.31). */
import type { KubeObject } from './v1.js';

export interface EndpointConditions {
  ready?: boolean;
  serving?: boolean;
  terminating?: boolean;
}

export interface SliceEndpoint {
  addresses: string[];
  conditions: EndpointConditions;
  hostname?: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace: string; name: string; uid: string };
}

export interface EndpointSlicePort {
  name?: string;
  port?: number;
  protocol?: string;
}

export interface EndpointSlice extends KubeObject {
  apiVersion: 'discovery.k8s.io/v1';
  kind: 'EndpointSlice';
  addressType: string;
  endpoints: SliceEndpoint[];
  ports?: EndpointSlicePort[];
}
