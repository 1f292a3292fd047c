/** Where a command writes; tests pass string sinks, the binary passes the process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads all of standard input, for `-f -`. */
  readStdin: () => Promise<string>;
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  /** Resolves when the user interrupts a long-running command (ctrl-c). */
  interrupted?: Promise<void>;
  /**
   * Set by a command that reported an error and went on (an object the API
   * server rejected while the rest of the scenario ran); main then exits 1.
   */
  errorsReported?: boolean;
}

export function processIO(): CommandIO {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as kubectl does.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
  }
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    isTTY: Boolean(process.stdout.isTTY),
    interrupted: new Promise((resolve) => process.once('SIGINT', () => resolve())),
  };
}
