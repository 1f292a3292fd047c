/**
 * Pods and events for the kubectl oracle tests. Every timestamp is relative to
 * `nowMs` and whole seconds, and every age is at least ten minutes, so the
 * few seconds kubectl takes to start cannot change a printed age.
 */
import type { Container, ContainerStatus, Event, Pod, PodCondition, Volume } from '../../../src/api/v1.js';

/** Returns the timestamp `secondsAgo` before `nowMs`, in whole seconds, as the API server writes it. */
export function isoAgo(nowMs: number, secondsAgo: number): string {
  const ms = Math.floor(nowMs / 1000) * 1000 - secondsAgo * 1000;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const SERVICE_ACCOUNT_VOLUME: Volume = {
  name: 'kube-api-access-x7k2p',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};

const SERVICE_ACCOUNT_MOUNT = { name: 'kube-api-access-x7k2p', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };

const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function conditions(nowMs: number, ready: boolean, extra: PodCondition[] = []): PodCondition[] {
  const status = ready ? 'True' : 'False';
  const notReady = ready ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' };
  return [
    ...extra,
    { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1190) },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1190) },
    { type: 'Ready', status, lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1100), ...notReady },
    { type: 'ContainersReady', status, lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1100), ...notReady },
    { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1200) },
  ];
}

function basePod(nowMs: number, name: string, containers: Container[], statuses: ContainerStatus[]): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      creationTimestamp: isoAgo(nowMs, 1200),
      labels: { app: name },
    },
    spec: {
      containers: containers.map((container) => ({
        ...container,
        volumeMounts: [...(container.volumeMounts ?? []), SERVICE_ACCOUNT_MOUNT],
      })),
      volumes: [SERVICE_ACCOUNT_VOLUME],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      nodeName: 'node-1',
      schedulerName: 'default-scheduler',
      tolerations: DEFAULT_TOLERATIONS,
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: {
      phase: 'Running',
      conditions: conditions(nowMs, statuses.every((status) => status.ready)),
      hostIP: '172.18.0.2',
      hostIPs: [{ ip: '172.18.0.2' }],
      podIP: '10.244.0.7',
      podIPs: [{ ip: '10.244.0.7' }],
      startTime: isoAgo(nowMs, 1190),
      containerStatuses: statuses,
      qosClass: 'BestEffort',
    },
  };
}

function runningStatus(nowMs: number, name: string, image: string, restartCount = 0): ContainerStatus {
  return {
    name,
    state: { running: { startedAt: isoAgo(nowMs, 1180) } },
    ready: true,
    restartCount,
    image,
    imageID: `docker.io/library/${image}@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31`,
    containerID: `containerd://${name}0123456789abcdef`,
    started: true,
  };
}

function event(
  nowMs: number,
  pod: string,
  name: string,
  fields: { type: 'Normal' | 'Warning'; reason: string; message: string; first: number; last: number; count: number; component?: string; fieldPath?: string },
): Event {
  const component = fields.component ?? 'kubelet';
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod}.${name}`, namespace: 'default' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'default',
      name: pod,
      uid: `uid-${pod}`,
      apiVersion: 'v1',
      ...(fields.fieldPath ? { fieldPath: fields.fieldPath } : {}),
    },
    reason: fields.reason,
    message: fields.message,
    source: component === 'kubelet' ? { component, host: 'node-1' } : { component },
    firstTimestamp: isoAgo(nowMs, fields.first),
    lastTimestamp: isoAgo(nowMs, fields.last),
    count: fields.count,
    type: fields.type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: component === 'kubelet' ? 'node-1' : '',
  };
}

/** Builds a running web server with every probe type, resources, env sources and several volume types. */
function webPod(nowMs: number): Pod {
  const pod = basePod(
    nowMs,
    'web-0',
    [
      {
        name: 'nginx',
        image: 'nginx:1.27',
        ports: [
          { name: 'http', containerPort: 80, protocol: 'TCP' },
          { name: 'metrics', containerPort: 9113, protocol: 'TCP' },
        ],
        env: [
          { name: 'MODE', value: 'production' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
          { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level', optional: true } } },
          { name: 'MULTI', value: 'first line\nsecond line' },
        ],
        envFrom: [{ configMapRef: { name: 'web-config' } }, { prefix: 'DB_', secretRef: { name: 'db', optional: true } }],
        resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
        livenessProbe: {
          httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' },
          initialDelaySeconds: 15,
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        readinessProbe: { tcpSocket: { port: 80 }, timeoutSeconds: 2, periodSeconds: 5, successThreshold: 2, failureThreshold: 3 },
        startupProbe: { grpc: { port: 9090, service: '' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 30 },
        volumeMounts: [
          { name: 'cache', mountPath: '/var/cache/nginx' },
          { name: 'config', mountPath: '/etc/nginx/conf.d', readOnly: true },
          { name: 'tls', mountPath: '/etc/tls', readOnly: true, subPath: 'certs' },
        ],
      },
      {
        name: 'exporter',
        image: 'nginx/nginx-prometheus-exporter:1.1',
        args: ['--nginx.scrape-uri=http://localhost/stub_status', 'multi\nline'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, timeoutSeconds: 1, periodSeconds: 5, successThreshold: 1, failureThreshold: 3 },
      },
    ],
    [runningStatus(nowMs, 'exporter', 'nginx-prometheus-exporter:1.1'), runningStatus(nowMs, 'nginx', 'nginx:1.27')],
  );
  pod.metadata.labels = { app: 'web', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': 'web-6d4b8f7c9' };
  pod.metadata.annotations = {
    'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1"}',
    'example.com/short': 'value',
    'example.com/long': 'x'.repeat(150),
    'example.com/multi': 'line one\nline two\n',
  };
  pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }];
  pod.spec.priorityClassName = 'high';
  pod.spec.priority = 1000;
  pod.spec.nodeSelector = { 'kubernetes.io/os': 'linux', disktype: 'ssd' };
  pod.spec.tolerations = [
    ...DEFAULT_TOLERATIONS,
    { operator: 'Exists' },
    { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
  ];
  pod.spec.volumes = [
    { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    { name: 'config', configMap: { name: 'web-config', defaultMode: 420 } },
    { name: 'tls', secret: { secretName: 'web-tls', defaultMode: 420, optional: true } },
    { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
    { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
    { name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } },
    SERVICE_ACCOUNT_VOLUME,
  ];
  if (pod.status) pod.status.qosClass = 'Burstable';
  return pod;
}

/** Builds a Running pod whose only container is in CrashLoopBackOff with a last termination. */
function crashPod(nowMs: number): Pod {
  const pod = basePod(nowMs, 'crash-7f9c', [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }], [
    {
      name: 'app',
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app pod=crash-7f9c_default(uid-crash-7f9c)' } },
      lastState: {
        terminated: {
          exitCode: 1,
          reason: 'Error',
          startedAt: isoAgo(nowMs, 700),
          finishedAt: isoAgo(nowMs, 660),
          containerID: 'containerd://app0123',
          message: 'fatal: config missing',
        },
      },
      ready: false,
      restartCount: 7,
      image: 'docker.io/library/busybox:1.36',
      imageID: 'docker.io/library/busybox@sha256:9ae97d36d26566ff84e8893c64a6dc4fe8ca6d1144bf5b87b2b85a32def253c7',
      containerID: 'containerd://app0123',
      started: false,
    },
  ]);
  return pod;
}

/** Builds a pod that is still initializing: one init container done, a sidecar running, one init container running. */
function initPod(nowMs: number): Pod {
  const pod = basePod(nowMs, 'init-demo', [{ name: 'app', image: 'nginx:1.27' }], [
    {
      name: 'app',
      state: { waiting: { reason: 'PodInitializing' } },
      ready: false,
      restartCount: 0,
      image: 'nginx:1.27',
      imageID: '',
      started: false,
    },
  ]);
  pod.spec.initContainers = [
    { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 5'] },
    { name: 'proxy', image: 'envoyproxy/envoy:v1.31', restartPolicy: 'Always', readinessProbe: { httpGet: { path: '/ready', port: 9901, scheme: 'HTTP', host: '127.0.0.1' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } },
    { name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] },
  ];
  pod.status = {
    ...pod.status,
    phase: 'Pending',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1190) },
      { type: 'Initialized', status: 'False', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1190), reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [wait]' },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1190), reason: 'ContainersNotReady', message: 'containers with unready status: [app]' },
      { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1190), reason: 'ContainersNotReady', message: 'containers with unready status: [app]' },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1200) },
    ],
    initContainerStatuses: [
      {
        name: 'migrate',
        state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: isoAgo(nowMs, 1185), finishedAt: isoAgo(nowMs, 1180), containerID: 'containerd://m1' } },
        ready: true,
        restartCount: 0,
        image: 'docker.io/library/busybox:1.36',
        imageID: 'docker.io/library/busybox@sha256:9ae9',
        containerID: 'containerd://m1',
        started: false,
      },
      { ...runningStatus(nowMs, 'proxy', 'envoy:v1.31', 1), lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', signal: 9, startedAt: isoAgo(nowMs, 1179), finishedAt: isoAgo(nowMs, 1178) } } },
      { ...runningStatus(nowMs, 'wait', 'busybox:1.36'), ready: false },
    ],
  };
  return pod;
}

/** Builds a pod being deleted, with readiness gates, two pod IPs, a nominated node and no volumes. */
function terminatingPod(nowMs: number): Pod {
  const pod = basePod(nowMs, 'term-1', [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }] }], [
    runningStatus(nowMs, 'app', 'nginx:1.27'),
  ]);
  pod.metadata.deletionTimestamp = isoAgo(nowMs, 900);
  pod.metadata.deletionGracePeriodSeconds = 30;
  pod.metadata.labels = {};
  pod.spec.readinessGates = [{ conditionType: 'example.com/feature-1' }, { conditionType: 'example.com/feature-2' }];
  pod.spec.volumes = [];
  pod.spec.tolerations = [];
  pod.spec.containers[0].volumeMounts = [];
  if (pod.status) {
    pod.status.conditions = conditions(nowMs, true, [{ type: 'example.com/feature-1', status: 'False', lastProbeTime: null, lastTransitionTime: isoAgo(nowMs, 1000) }]);
    pod.status.podIPs = [{ ip: '10.244.0.9' }, { ip: 'fd00::9' }];
    pod.status.reason = 'Evicted';
    pod.status.message = 'The node was low on resource: memory.';
    pod.status.nominatedNodeName = 'node-2';
  }
  return pod;
}

/** Builds a pod that was never scheduled: no node, no IPs, no start time, no container statuses. */
function pendingPod(nowMs: number): Pod {
  const pod = basePod(nowMs, 'pending-1', [{ name: 'app', image: 'nginx:1.27', resources: { limits: { cpu: '1', memory: '1Gi' } } }], []);
  delete pod.spec.nodeName;
  pod.status = {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: isoAgo(nowMs, 1200),
        reason: 'Unschedulable',
        message: '0/1 nodes are available: 1 Insufficient cpu.',
      },
    ],
  };
  return pod;
}

/** Returns every oracle pod with its events. */
export function oracleFixture(nowMs: number): { pods: Pod[]; events: Event[] } {
  const pods = [webPod(nowMs), crashPod(nowMs), initPod(nowMs), terminatingPod(nowMs), pendingPod(nowMs)];
  const events: Event[] = [
    event(nowMs, 'web-0', 'a', { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-0 to node-1', first: 1200, last: 1200, count: 1, component: 'default-scheduler' }),
    event(nowMs, 'web-0', 'b', { type: 'Normal', reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine', first: 1190, last: 1190, count: 1, fieldPath: 'spec.containers{nginx}' }),
    event(nowMs, 'web-0', 'c', { type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: dial tcp 10.244.0.7:80: connect: connection refused\n', first: 1150, last: 700, count: 4, fieldPath: 'spec.containers{nginx}' }),
    event(nowMs, 'crash-7f9c', 'a', { type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/crash-7f9c to node-1', first: 1200, last: 1200, count: 1, component: 'default-scheduler' }),
    event(nowMs, 'crash-7f9c', 'b', { type: 'Normal', reason: 'Pulled', message: 'Container image "busybox:1.36" already present on machine', first: 1190, last: 660, count: 8, fieldPath: 'spec.containers{app}' }),
    event(nowMs, 'crash-7f9c', 'c', { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container app in pod crash-7f9c_default(uid-crash-7f9c)', first: 1100, last: 640, count: 40, fieldPath: 'spec.containers{app}' }),
    event(nowMs, 'pending-1', 'a', { type: 'Warning', reason: 'FailedScheduling', message: '0/1 nodes are available: 1 Insufficient cpu.', first: 1200, last: 1200, count: 1, component: 'default-scheduler' }),
  ];
  return { pods, events };
}
