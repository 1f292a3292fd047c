/**
 * settings.k8s.io/v1alpha1 PodPreset. The kind was alpha from 1.6 to 1.19
 * and removed in 1.20; podsim keeps it behind the ClusterSettings switch so
 * old examples still run.
 */
import type { EnvFromSource, EnvVar, KubeObject, Volume, VolumeMount } from './v1.js';
import type { LabelSelector } from './meta.js';

export interface PodPresetSpec {
  selector?: LabelSelector;
  env?: EnvVar[];
  envFrom?: EnvFromSource[];
  volumes?: Volume[];
  volumeMounts?: VolumeMount[];
}

export interface PodPreset extends KubeObject {
  apiVersion: 'settings.k8s.io/v1alpha1';
  kind: 'PodPreset';
  spec: PodPresetSpec;
}
