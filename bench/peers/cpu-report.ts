/**
 * Preloaded (`node -r`) into a benchmarked server: answers the benchmark's IPC message 'cpu' with
 * this process's CPU time so far (user + system microseconds), so CPU per activity is measured the
 * same way for the bot and its peer.
 */
if (process.send) {
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send!({ cpu: u.user + u.system });
    }
  });
  // The IPC channel must not keep a server alive that was asked to stop.
  process.channel?.unref();
}
