/**
 * The boundary between the control plane and the kubelets. The Simulation
 * implements PodRuntime over the engine; tests use a fake.
 */
import type { Pod, PodStatus } from '../api/v1.js';

export interface PodRuntimeStatus {
  /** The status the kubelet would post now. */
  status: PodStatus;
  /**
   * True once the kubelet has finished terminating a pod whose API object has
   * a deletionTimestamp; the control plane then removes the object, as the
   * kubelet's status manager does with a grace-0 delete.
   */
  terminated: boolean;
}

export interface PodRuntime {
  /** Starts the kubelet's work on a pod the scheduler bound to `nodeName`. */
  startPod(pod: Pod, nodeName: string): void;
  /** Begins graceful termination with this grace period in seconds; 0 stops the pod at once. */
  deletePod(uid: string, gracePeriodSeconds: number): void;
  /**
   * Returns the kubelet's current status of a started pod, or undefined when
   * it has none. `apiPod` is the stored object: its status holds conditions
   * that others own (readiness gates, DisruptionTarget), which the kubelet
   * keeps when it builds a status.
   */
  readPodStatus(uid: string, apiPod: Pod): PodRuntimeStatus | undefined;
  /** A container's image changed through an API update: the kubelet kills that container and starts the new image. */
  updateContainerImage(uid: string, containerName: string, image: string): void;
  /**
   * Returns the UIDs of started pods whose status may have changed since it
   * was last read. Optional: without it the control plane reads every pod.
   */
  takeChangedPods?(): string[];
  /** Someone other than the kubelet changed the pod's status (a readiness gate condition): the kubelet rebuilds it. */
  statusChanged?(uid: string): void;
  /** The node's kubelet stopped (`running` false) or came back. Optional: a runtime without it keeps running pods. */
  setNodeRunning?(nodeName: string, running: boolean): void;
}
