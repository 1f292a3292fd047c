/**
 * The `Pod Template:` section of `kubectl describe` for workloads (kubectl
 * v1.31 `DescribePodTemplate`). It reuses the pod's container and volume
 * writers: kubectl indents the `Containers:` and `Volumes:` titles by two
 * spaces and each container or volume name by one more space.
 */
import type { PodTemplateSpec } from '../../api/meta.js';
import type { Pod } from '../../api/v1.js';
import { describeContainers } from '../describeContainers.js';
import { describeAnnotations, describeLabels, describeTolerations } from '../describeMetadata.js';
import { describeVolumes } from '../describeVolumes.js';
import { DescribeWriter, LEVEL_0, LEVEL_1 } from '../describeWriter.js';

/** Forwards writes to another writer, indenting the titles and names of the template's sections. */
class TemplateSectionWriter extends DescribeWriter {
  constructor(private readonly target: DescribeWriter) {
    super();
  }

  override write(level: number, text: string): void {
    if (level === LEVEL_0) this.target.write(level, `  ${text}`);
    else if (level === LEVEL_1 && text.endsWith(':\n')) this.target.write(level, ` ${text}`);
    else this.target.write(level, text);
  }
}

/** Writes `Pod Template:` and the template's labels, annotations, containers, volumes, node selectors and tolerations. */
export function describePodTemplate(template: PodTemplateSpec | undefined, w: DescribeWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const metadata = template.metadata ?? {};
  describeLabels(w, '  Labels', metadata.labels);
  if (Object.keys(metadata.annotations ?? {}).length > 0) describeAnnotations(w, '  Annotations', metadata.annotations);
  if (template.spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${template.spec.serviceAccountName}\n`);

  // NOTE: kubectl describes a template with no env resolver, so a fieldRef variable
  // prints an empty value; here it is resolved against the template's metadata.
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata, spec: template.spec } as Pod;
  const sections = new TemplateSectionWriter(w);
  const initContainers = template.spec.initContainers ?? [];
  if (initContainers.length > 0) describeContainers(pod, 'Init Containers', initContainers, undefined, sections);
  describeContainers(pod, 'Containers', template.spec.containers, undefined, sections);
  describeVolumes(template.spec.volumes, sections);
  if (template.spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${template.spec.priorityClassName}\n`);
  describeLabels(w, '  Node-Selectors', template.spec.nodeSelector);
  describeTolerations(w, '  Tolerations', template.spec.tolerations);
}
