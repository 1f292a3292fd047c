/** kubectl-compatible text printers: pure functions from v1 objects to the text kubectl 1.31/1.32 prints. */
export { describePod, describeStatusValue } from './describePod.js';
export { describeProbe } from './describeProbe.js';
export { printEventList, typedEvent } from './eventList.js';
export { eventsTableCells, eventsTableHeader, noEventsFoundMessage, printEventsTable, type EventsTableOptions } from './eventsTable.js';
export { goDuration } from './goDuration.js';
export { humanDuration, timestampSince } from './humanDuration.js';
export { formatJson, formatYaml, objectName, printObjects, toList, type ObjectOutputFormat } from './objectOutput.js';
export { podRowCondition, printPodRow, type PodRowOptions, type TableRowCondition } from './podRow.js';
export { noResourcesFoundMessage, podTableHeader, printPodTable, type PodTableOptions } from './podTable.js';
export { PodWatchPrinter } from './podWatch.js';
export { computePodQOS, podQOSClass } from './qosClass.js';
export { formatRFC1123Z } from './rfc1123z.js';
export { alignedLine, alignTabs, DESCRIBE_TABWRITER, TABLE_TABWRITER, TabWriter, uniformColumnWidths, type TabWriterOptions } from './tabwriter.js';
