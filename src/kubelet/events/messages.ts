/**
 * Engine event records → the type, reason and message the kubelet (or the
 * scheduler) would record, with the exact v1.31 strings. Release-specific
 * strings come from strings.ts.
 */
import type { Container, Pod } from '../../api/v1.js';
import { EngineEventCode, KillReasonCode, ProbeTypeCode, type EngineEvent } from '../../engine/types.js';
import { imageSizeBytes } from '../identity.js';
import { DEADLINE_EXCEEDED_MESSAGE, DEADLINE_EXCEEDED_REASON } from '../pod-status.js';
import { formatGoDurationMs } from '../time.js';
import { probeFailureOutput, type ProbeOutputContext } from './probe-output.js';
import { eventStringsFor, type EventStringsVersion } from './strings.js';

export type EventType = 'Normal' | 'Warning';
/** Reporting component: the kubelet, the scheduler or a controller (`deployment-controller`, ...). */
export type EventComponent = string;

/** An event ready for the recorder: what happened and which part of the pod it is about. */
export interface EventMessage {
  type: EventType;
  reason: string;
  message: string;
  /** `spec.containers{name}` or `spec.initContainers{name}`; empty for pod-level events. */
  fieldPath: string;
  component: EventComponent;
  /** The object the event is about: a Pod unless kind says otherwise. */
  involvedObject: { name: string; namespace: string; uid: string; kind?: string; apiVersion?: string };
  /** source.host: the node the reporting component runs on, if known. */
  host?: string;
}

export interface EventMessageContext extends ProbeOutputContext {
  /** Node name, recorded as source.host. */
  nodeName?: string;
  /** Release whose message strings to use; default 1.31. */
  version?: EventStringsVersion;
}

type EventPod = Pick<Pod, 'metadata' | 'spec'>;

interface ContainerRef {
  container: Container;
  isInitContainer: boolean;
  fieldPath: string;
}

/** Resolves an engine container index (init containers first, then regular, each in spec order). */
export function containerAtEngineIndex(pod: EventPod, index: number): ContainerRef | undefined {
  const initContainers = pod.spec.initContainers ?? [];
  if (index < 0) {
    return undefined;
  }
  if (index < initContainers.length) {
    const container = initContainers[index]!;
    return { container, isInitContainer: true, fieldPath: `spec.initContainers{${container.name}}` };
  }
  const container = pod.spec.containers[index - initContainers.length];
  if (!container) {
    return undefined;
  }
  return { container, isInitContainer: false, fieldPath: `spec.containers{${container.name}}` };
}

const PROBE_TYPE_NAMES: Record<ProbeTypeCode, string> = {
  [ProbeTypeCode.Startup]: 'Startup',
  [ProbeTypeCode.Readiness]: 'Readiness',
  [ProbeTypeCode.Liveness]: 'Liveness',
};

function probeFor(container: Container, probeType: ProbeTypeCode) {
  switch (probeType) {
    case ProbeTypeCode.Startup:
      return container.startupProbe;
    case ProbeTypeCode.Readiness:
      return container.readinessProbe;
    case ProbeTypeCode.Liveness:
      return container.livenessProbe;
  }
}

/**
 * Builds the Killing message (killContainer's reason). A sidecar's probe-kill
 * message starts with `Init container` and has no suffix, because a sidecar is
 * always restarted. Under restartPolicy Never a regular container is not
 * restarted, so the `, will be restarted` suffix is dropped.
 */
export function killingMessage(ref: ContainerRef, reasonCode: KillReasonCode, restartPolicy: string | undefined): string {
  const name = ref.container.name;
  // The kubelet passes the hook's reason as killContainer's message.
  if (reasonCode === KillReasonCode.PostStartFailed) return 'FailedPostStartHook';
  if (reasonCode !== KillReasonCode.LivenessFailed && reasonCode !== KillReasonCode.StartupFailed) {
    return `Stopping container ${name}`;
  }
  const probe = reasonCode === KillReasonCode.LivenessFailed ? 'liveness' : 'startup';
  if (ref.isInitContainer) {
    return `Init container ${name} failed ${probe} probe`;
  }
  const suffix = (restartPolicy ?? 'Always') === 'Never' ? '' : ', will be restarted';
  return `Container ${name} failed ${probe} probe${suffix}`;
}

/** Builds the crash back-off event message. */
export function backOffEventMessage(containerName: string, pod: EventPod): string {
  const meta = pod.metadata;
  return `Back-off restarting failed container ${containerName} in pod ${meta.name ?? ''}_${meta.namespace ?? 'default'}(${meta.uid ?? ''})`;
}

/** Builds the scheduler's event for binding a pod to a node. */
export function scheduledEvent(pod: EventPod, nodeName: string): EventMessage {
  return {
    type: 'Normal',
    reason: 'Scheduled',
    message: `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''} to ${nodeName}`,
    fieldPath: '',
    component: 'default-scheduler',
    involvedObject: podReference(pod),
    host: nodeName,
  };
}

function podReference(pod: EventPod): EventMessage['involvedObject'] {
  return {
    name: pod.metadata.name ?? '',
    namespace: pod.metadata.namespace ?? 'default',
    uid: pod.metadata.uid ?? '',
  };
}

/**
 * Converts one engine event record to the event the kubelet records, or
 * returns null for records that produce no event (sandbox ready, container
 * exit, probe result changes, pod terminal or removed).
 * @throws Error when a container-level record names a container the pod does not have.
 */
export function eventMessageFor(event: EngineEvent, pod: EventPod, ctx: EventMessageContext = {}): EventMessage | null {
  const strings = eventStringsFor(ctx.version);
  const kubeletEvent = (type: EventType, reason: string, message: string, fieldPath: string): EventMessage => ({
    type,
    reason,
    message,
    fieldPath,
    component: 'kubelet',
    involvedObject: podReference(pod),
    ...(ctx.nodeName ? { host: ctx.nodeName } : {}),
  });

  if (event.code === EngineEventCode.DeadlineExceeded) {
    return kubeletEvent('Normal', DEADLINE_EXCEEDED_REASON, DEADLINE_EXCEEDED_MESSAGE, '');
  }
  if (
    event.code === EngineEventCode.SandboxReady ||
    event.code === EngineEventCode.Exited ||
    event.code === EngineEventCode.ProbeResultChanged ||
    event.code === EngineEventCode.PodTerminal ||
    event.code === EngineEventCode.PodRemoved
  ) {
    return null;
  }

  const ref = containerAtEngineIndex(pod, event.container);
  if (!ref) {
    throw new Error(
      `engine event ${EngineEventCode[event.code] ?? event.code} names container index ${event.container}, but pod ${pod.metadata.name ?? ''} has no such container`,
    );
  }
  const { container, fieldPath } = ref;
  const image = container.image ?? '';

  switch (event.code) {
    case EngineEventCode.Pulling:
      return kubeletEvent('Normal', 'Pulling', `Pulling image "${image}"`, fieldPath);
    case EngineEventCode.Pulled: {
      const duration = formatGoDurationMs(event.a);
      return kubeletEvent(
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${duration} (${duration} including waiting). Image size: ${imageSizeBytes(image)} bytes.`,
        fieldPath,
      );
    }
    case EngineEventCode.AlreadyPresent:
      return kubeletEvent('Normal', 'Pulled', `Container image "${image}" already present on machine`, fieldPath);
    case EngineEventCode.Created:
      return kubeletEvent('Normal', 'Created', strings.created(container.name), fieldPath);
    case EngineEventCode.Started:
      return kubeletEvent('Normal', 'Started', strings.started(container.name), fieldPath);
    case EngineEventCode.ProbeFailed: {
      const probeType = event.a as ProbeTypeCode;
      const probe = probeFor(container, probeType);
      const output = probe ? probeFailureOutput(probe, container, ctx) : '';
      return kubeletEvent('Warning', 'Unhealthy', `${PROBE_TYPE_NAMES[probeType]} probe failed: ${output}`, fieldPath);
    }
    case EngineEventCode.Killing:
      return kubeletEvent('Normal', 'Killing', killingMessage(ref, event.a as KillReasonCode, pod.spec.restartPolicy), fieldPath);
    case EngineEventCode.BackOff:
      return kubeletEvent('Warning', 'BackOff', backOffEventMessage(container.name, pod), fieldPath);
    case EngineEventCode.PreStopFailed:
      return kubeletEvent('Warning', 'FailedPreStopHook', 'PreStopHook failed', fieldPath);
    case EngineEventCode.PostStartFinished:
      return event.a === 1 ? kubeletEvent('Warning', 'FailedPostStartHook', 'PostStartHook failed', fieldPath) : null;
    default:
      return null;
  }
}
