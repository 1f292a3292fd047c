/** Every key of the UI, in the order the help screen lists them. */
export interface KeyHelp {
  keys: string;
  action: string;
}

export const KEY_HELP: readonly KeyHelp[] = [
  { keys: 'j / k / ↓ / ↑', action: 'move the selection' },
  { keys: 'PgDn / PgUp', action: 'move one page' },
  { keys: 'g / G', action: 'go to the first / last row' },
  { keys: 'd', action: 'describe the selected pod or object (kubectl describe)' },
  { keys: 'y', action: 'show the selected pod or object as YAML (-o yaml)' },
  { keys: 't', action: 'timeline of the selected pod' },
  { keys: 'e', action: 'event stream in kubectl events columns, newest last (all namespaces, or the one listed)' },
  { keys: 'W', action: 'show only Warning events (toggle)' },
  { keys: 'w', action: 'wide columns: IP, NODE, NOMINATED NODE, READINESS GATES (toggle)' },
  { keys: 'N / A / S / R', action: 'sort by name / age / status / restarts; again to reverse' },
  { keys: '/', action: 'filter: regex, !regex to invert, -l app=web for labels; Esc clears' },
  { keys: ':', action: 'command: pods, events, deploy, rs, rc, jobs, ds, sts, svc, ep, nodes, ns (list), ns NAME, ns all, quit' },
  { keys: 'enter', action: 'on a Deployment: its ReplicaSets; on a ReplicaSet, RC, Job, DaemonSet, StatefulSet, Service or Node: its pods; on a namespace: its pods' },
  { keys: 's', action: 'scale the selected Deployment, ReplicaSet, RC or StatefulSet, or the owner of the selected pod' },
  { keys: 'r', action: "set or clear a readiness gate's condition on the selected pod" },
  { keys: 'f / u / c', action: 'in :nodes: fail / restore the node, cordon or uncordon it' },
  { keys: 'space', action: 'pause / resume the simulated clock' },
  { keys: '+ / -', action: 'faster / slower (x1 … x1000, max)' },
  { keys: '.', action: 'step to the next event' },
  { keys: 'ctrl-d', action: 'delete the selected pod (grace period, force)' },
  { keys: 'D', action: 'fleet dashboard (q returns)' },
  { keys: 'Esc', action: 'back: close a screen, clear the filter, then return to the list or screen you came from' },
  { keys: 'ctrl-l', action: 'repaint the screen' },
  { keys: '?', action: 'this help' },
  { keys: 'q / ctrl-c', action: 'quit' },
];
