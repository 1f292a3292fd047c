// Entry of a benchmark worker thread: registers tsx in this thread, as
// bin/podsim.js does for the main thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
