/** Builds pods from pod templates as the workload controllers do (controller.GetPodFromTemplate, v1.31). */
import type { KubeObject, Pod } from '../../api/v1.js';
import type { PodTemplateSpec } from '../../api/meta.js';
import { controllerRef } from './context.js';

/**
 * Returns a new Pod object from `template`: the template's labels,
 * annotations and a copy of its spec, a controller ownerReference to
 * `owner`, and either `name` or `generateName` `<owner>-`.
 */
export function podFromTemplate(template: PodTemplateSpec, owner: KubeObject, name?: string): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: owner.metadata.namespace,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(template.spec),
  };
  if (meta.annotations && Object.keys(meta.annotations).length > 0) pod.metadata.annotations = { ...meta.annotations };
  if (name !== undefined) pod.metadata.name = name;
  else pod.metadata.generateName = `${owner.metadata.name}-`;
  return pod;
}
