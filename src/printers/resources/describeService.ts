/** `kubectl describe service` (kubectl v1.31 `describeService`). */
import type { Endpoints, Service } from '../../api/core.js';
import type { Event } from '../../api/v1.js';
import { describeEvents } from '../describeEvents.js';
import { describeAnnotations, describeLabels } from '../describeMetadata.js';
import { DescribeWriter, LEVEL_0 } from '../describeWriter.js';
import { formatLabels } from './cells.js';
import { formatEndpoints } from './endpoints.js';

/**
 * Returns the stdout of `kubectl describe service`. `endpoints` is the
 * Endpoints object of the same name, if any; `events` are those whose
 * involved object is the Service.
 */
export function describeService(service: Service, endpoints: Endpoints | undefined, events: Event[] | undefined, nowMs: number): string {
  const w = new DescribeWriter();
  const { metadata, spec } = service;
  w.write(LEVEL_0, `Name:\t${metadata.name ?? ''}\n`);
  w.write(LEVEL_0, `Namespace:\t${metadata.namespace ?? ''}\n`);
  describeLabels(w, 'Labels', metadata.labels);
  describeAnnotations(w, 'Annotations', metadata.annotations);
  w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
  if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(LEVEL_0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(LEVEL_0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if (spec.externalIPs && spec.externalIPs.length > 0) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
  const ingress = service.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) w.write(LEVEL_0, `LoadBalancer Ingress:\t${ingress.map((entry) => entry.ip || entry.hostname || '').join(', ')}\n`);
  if (spec.type === 'ExternalName') w.write(LEVEL_0, `External Name:\t${spec.externalName ?? ''}\n`);
  for (const port of spec.ports ?? []) {
    const name = port.name || '<unset>';
    const protocol = port.protocol ?? '';
    w.write(LEVEL_0, `Port:\t${name}\t${port.port}/${protocol}\n`);
    w.write(LEVEL_0, `TargetPort:\t${String(port.targetPort ?? port.port)}/${protocol}\n`);
    if (port.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${port.nodePort}/${protocol}\n`);
    w.write(LEVEL_0, `Endpoints:\t${formatEndpoints(endpoints, port.name ?? '')}\n`);
  }
  w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (events) describeEvents(events, nowMs, w);
  return w.text();
}
