/** Entry point for turning engine records and scheduling into events; see events/messages.ts. */
export {
  eventMessageFor as kubeletEventFor,
  eventMessageFor,
  scheduledEvent,
  killingMessage,
  backOffEventMessage,
  containerAtEngineIndex,
  type EventMessage,
  type EventMessageContext,
  type EventType,
  type EventComponent,
} from './events/messages.js';
export { EVENT_STRINGS, DEFAULT_EVENT_STRINGS_VERSION, eventStringsFor, type EventStringsVersion } from './events/strings.js';
export { missingFileOutput, probeFailureOutput, resolvePort, type ProbeOutputContext } from './events/probe-output.js';
